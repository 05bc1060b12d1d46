package io.gennas4j.space.nb201;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.BatchNorm2d;
import io.gennas4j.nn.Layers;
import io.gennas4j.nn.Ops;

/**
 * One NAS-Bench-201 cell: node j = Σ_{i<j} op_{i→j}(node i), output node 3. Stride 1, channels
 * unchanged. {@code none} edges contribute nothing and build no block; a node with only
 * {@code none} inputs is zero. An operation whose source node is zero runs on a zero tensor, as in
 * the benchmark ({@link ZeroNodeOps#RUN}), or is skipped ({@link ZeroNodeOps#PRUNE}).
 */
final class Nb201Cell extends AbstractBlock {

    private final Nb201Arch arch;
    private final Block[] edges = new Block[6];

    Nb201Cell(Nb201Arch arch, int channels, CellVariant variant) {
        this.arch = arch;
        boolean[] zero = arch.zeroNodes();
        for (int e = 0; e < 6; e++) {
            Nb201Op op = arch.ops().get(e);
            if (zero[Nb201Arch.EDGES[e][0]] && arch.zeroNodeOps() == ZeroNodeOps.PRUNE) {
                continue; // the functional view builds no block for an op on zeros
            }
            Block block =
                    switch (op) {
                        case NONE, SKIP_CONNECT -> null;
                        case NOR_CONV_1X1 -> convEdge(channels, 1, variant);
                        case NOR_CONV_3X3 -> convEdge(channels, 3, variant);
                        case AVG_POOL_3X3 -> Ops.avgPool(3, 1, 1, false);
                    };
            if (block != null) {
                edges[e] = addChildBlock("edge" + Nb201Arch.EDGES[e][0] + Nb201Arch.EDGES[e][1], block);
            }
        }
    }

    private static Block convEdge(int channels, int kernel, CellVariant variant) {
        boolean zeroCost = variant == CellVariant.ZERO_COST;
        BatchNorm2d bn = zeroCost ? Layers.batchStatNorm() : Layers.batchNorm();
        return Ops.reluConvBn(channels, channels, kernel, 1, zeroCost, bn);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray[] nodes = new NDArray[4];
        nodes[0] = inputs.singletonOrThrow();
        boolean run = arch.zeroNodeOps() == ZeroNodeOps.RUN;
        NDArray zeros = null;
        int e = 0;
        for (int j = 1; j <= 3; j++) {
            NDArray sum = null;
            for (int i = 0; i < j; i++, e++) {
                Nb201Op op = arch.ops().get(e);
                if (op == Nb201Op.NONE || op == Nb201Op.SKIP_CONNECT && nodes[i] == null) {
                    continue; // adds exact zeros
                }
                NDArray in = nodes[i];
                if (in == null) {
                    if (!run) {
                        continue;
                    }
                    // the benchmark runs ReLU → conv → BN (or the pooling) on the zero node too
                    zeros = zeros != null ? zeros : nodes[0].zerosLike();
                    in = zeros;
                }
                NDArray out = op == Nb201Op.SKIP_CONNECT ? in : edges[e].forward(ps, new NDList(in), training).singletonOrThrow();
                sum = sum == null ? out : sum.add(out);
            }
            nodes[j] = sum; // null stands for an all-zero node
        }
        NDArray out = nodes[3] != null ? nodes[3] : nodes[0].zerosLike();
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block edge : edges) {
            if (edge != null) {
                edge.initialize(manager, dataType, inputShapes[0]);
            }
        }
    }
}
