package io.gennas4j.space.transnas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A TransNAS-Bench-101 micro cell C_in → C_out with stride s (A.2.4): node_j = Σ_{i<j}
 * edge_{i→j}(node_i) for j = 1, 2, 3, output node 3. Edges leaving node 0 carry C_in and the
 * stride; the others are C_out → C_out at stride 1. Every edge runs, including those fed by an
 * all-zero node (as the benchmark's module list does: their BNs and MACs are real), and a Zero
 * edge contributes exact zeros of the output shape.
 */
final class MicroCell extends AbstractBlock {

    private final List<TransNasOp> ops;
    private final Block[] edges = new Block[6]; // null: zero or identity
    private final int out;
    private final int stride;

    MicroCell(Convs convs, List<TransNasOp> ops, int in, int out, int stride) {
        this.ops = ops;
        this.out = out;
        this.stride = stride;
        for (int e = 0; e < 6; e++) {
            boolean fromInput = TransNasArch.EDGES[e][0] == 0;
            int ci = fromInput ? in : out;
            int s = fromInput ? stride : 1;
            Block block = switch (ops.get(e)) {
                case ZERO -> null;
                case SKIP -> s == 1 && ci == out ? null : new FactorizedReduce(convs, ci, out, s);
                case CONV_1X1 -> convs.reluConvBn(ci, out, 1, s);
                case CONV_3X3 -> convs.reluConvBn(ci, out, 3, s);
            };
            if (block != null) {
                edges[e] = addChildBlock("edge" + TransNasArch.EDGES[e][0] + TransNasArch.EDGES[e][1], block);
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape target = getOutputShapes(new Shape[] {x.getShape()})[0];
        NDArray[] nodes = new NDArray[4];
        nodes[0] = x;
        for (int e = 0; e < 6; e++) {
            int i = TransNasArch.EDGES[e][0];
            int j = TransNasArch.EDGES[e][1];
            NDArray y;
            if (ops.get(e) == TransNasOp.ZERO) {
                y = null; // adds exact zeros
            } else if (edges[e] == null) {
                y = nodes[i]; // identity
            } else {
                y = edges[e].forward(ps, new NDList(nodes[i]), training).singletonOrThrow();
            }
            if (nodes[j] == null) {
                nodes[j] = y == null ? x.getManager().zeros(target, x.getDataType(), x.getDevice()) : y;
            } else if (y != null) {
                nodes[j] = nodes[j].add(y);
            }
        }
        return new NDList(nodes[3]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.outShape(inputShapes[0], out, stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] inner = getOutputShapes(inputShapes);
        for (int e = 0; e < 6; e++) {
            if (edges[e] != null) {
                edges[e].initialize(manager, dataType, TransNasArch.EDGES[e][0] == 0 ? inputShapes : inner);
            }
        }
    }
}
