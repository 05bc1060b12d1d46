package io.gennas4j.space.nb101;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAS-Bench-101 cell (spec §3.2, NASBench-PyTorch's {@code Cell}): interior vertex t sums the
 * truncated outputs of its interior predecessors plus a 1×1 Conv-BN-ReLU projection of the cell
 * input when the input feeds it, then applies its operation; the cell output concatenates the
 * interior vertices that feed the output and adds a projection of the input when the input feeds
 * the output directly (out of place: the reference's in-place add breaks autograd there).
 */
final class Nb101Cell extends AbstractBlock {

    private final Nb101Spec spec;
    private final int[] channels;
    private final Block[] vertexOps;
    private final Block[] projections;
    private final int outChannels;

    Nb101Cell(Nb101Spec spec, int inChannels, int outChannels) {
        this.spec = spec;
        this.outChannels = outChannels;
        int n = spec.vertices();
        channels = vertexChannels(inChannels, outChannels, spec);
        vertexOps = new Block[n];
        projections = new Block[n];
        for (int t = 1; t < n - 1; t++) {
            Nb101Op op = Nb101Op.fromLabel(spec.ops().get(t));
            vertexOps[t] = addChildBlock("v" + t, switch (op) {
                case CONV3X3 -> Nb101Network.convBnRelu(channels[t], channels[t], 3);
                case CONV1X1 -> Nb101Network.convBnRelu(channels[t], channels[t], 1);
                case MAXPOOL3X3 -> io.gennas4j.nn.Ops.maxPool(3, 1, 1);
            });
        }
        for (int t = 1; t < n; t++) {
            if (spec.edge(0, t)) {
                projections[t] = addChildBlock("proj" + t, Nb101Network.convBnRelu(inChannels, channels[t], 1));
            }
        }
    }

    /**
     * NAS-Bench-101's {@code ComputeVertexChannels}: vertices feeding the output split its
     * channels (the first ones get the remainder); every other interior vertex takes the maximum
     * over the vertices it feeds, processed backwards.
     */
    static int[] vertexChannels(int inChannels, int outChannels, Nb101Spec spec) {
        int n = spec.vertices();
        int[] c = new int[n];
        c[0] = inChannels;
        c[n - 1] = outChannels;
        if (n == 2) {
            return c;
        }
        int inDegreeOfOutput = 0;
        for (int v = 1; v < n - 1; v++) {
            inDegreeOfOutput += spec.edge(v, n - 1) ? 1 : 0;
        }
        int interior = outChannels / inDegreeOfOutput;
        int correction = outChannels % inDegreeOfOutput;
        for (int v = 1; v < n - 1; v++) {
            if (spec.edge(v, n - 1)) {
                c[v] = interior;
                if (correction > 0) {
                    c[v]++;
                    correction--;
                }
            }
        }
        for (int v = n - 3; v > 0; v--) {
            if (!spec.edge(v, n - 1)) {
                for (int dst = v + 1; dst < n - 1; dst++) {
                    if (spec.edge(v, dst)) {
                        c[v] = Math.max(c[v], c[dst]);
                    }
                }
            }
        }
        return c;
    }

    int[] channels() {
        return channels.clone();
    }

    private static NDArray truncate(NDArray x, int channels) {
        long have = x.getShape().get(1);
        if (have == channels) {
            return x;
        }
        if (have - channels > 1 || have < channels) {
            throw new IllegalStateException("Truncation from " + have + " to " + channels + " channels: the channel rule allows dropping at most one");
        }
        return x.get(new NDIndex(":, 0:" + channels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int n = spec.vertices();
        NDArray[] out = new NDArray[n];
        out[0] = x;
        List<NDArray> concat = new ArrayList<>();
        for (int t = 1; t < n - 1; t++) {
            NDArray sum = null;
            for (int src = 1; src < t; src++) {
                if (spec.edge(src, t)) {
                    NDArray in = truncate(out[src], channels[t]);
                    sum = sum == null ? in : sum.add(in);
                }
            }
            if (spec.edge(0, t)) {
                NDArray p = projections[t].forward(ps, new NDList(x), training).singletonOrThrow();
                sum = sum == null ? p : sum.add(p);
            }
            out[t] = vertexOps[t].forward(ps, new NDList(sum), training).singletonOrThrow();
            if (spec.edge(t, n - 1)) {
                concat.add(out[t]);
            }
        }
        NDArray result;
        if (concat.isEmpty()) {
            result = projections[n - 1].forward(ps, new NDList(x), training).singletonOrThrow();
        } else {
            result = concat.size() == 1 ? concat.get(0) : NDArrays.concat(new NDList(concat), 1);
            if (spec.edge(0, n - 1)) {
                result = result.add(projections[n - 1].forward(ps, new NDList(x), training).singletonOrThrow());
            }
        }
        return new NDList(result);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        for (int t = 1; t < spec.vertices(); t++) {
            if (vertexOps[t] != null) {
                vertexOps[t].initialize(manager, dataType, new Shape(in.get(0), channels[t], in.get(2), in.get(3)));
            }
            if (projections[t] != null) {
                projections[t].initialize(manager, dataType, in);
            }
        }
    }
}
