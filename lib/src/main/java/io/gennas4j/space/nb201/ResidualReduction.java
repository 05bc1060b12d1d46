package io.gennas4j.space.nb201;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.Layers;
import io.gennas4j.nn.Ops;

/**
 * The NAS-Bench-201 reduction block: a ResNet basic block with stride 2. Residual branch
 * ReLU-Conv3×3(s2)-BN, ReLU-Conv3×3-BN (affine, tracked BN, convs without bias); shortcut
 * AvgPool 2×2 s2 then Conv1×1 without bias or BN.
 */
final class ResidualReduction extends AbstractBlock {

    private final SequentialBlock convA;
    private final SequentialBlock convB;
    private final SequentialBlock shortcut;
    private final int out;

    ResidualReduction(int in, int out) {
        this.out = out;
        convA = addChildBlock("convA", Ops.reluConvBn(in, out, 3, 2, false, Layers.batchNorm()));
        convB = addChildBlock("convB", Ops.reluConvBn(out, out, 3, 1, false, Layers.batchNorm()));
        shortcut = addChildBlock("shortcut",
                new SequentialBlock().add(Ops.avgPool(2, 2, 0, true)).add(Layers.conv2d(in, out, 1, 1, 0, false)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList a = convA.forward(ps, inputs, training);
        NDList b = convB.forward(ps, a, training);
        NDList s = shortcut.forward(ps, inputs, training);
        return new NDList(b.singletonOrThrow().add(s.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), out, in.get(2) / 2, in.get(3) / 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convA.initialize(manager, dataType, inputShapes);
        convB.initialize(manager, dataType, getOutputShapes(inputShapes));
        shortcut.initialize(manager, dataType, inputShapes);
    }
}
