package io.gennas4j.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.Layers;
import io.gennas4j.space.StageNetwork;

/**
 * A backbone with GenNAS's regression heads (spec §1.2): each stage output is nearest-neighbour
 * down-sampled to 8×8 (source index floor(dst·in/out), i.e. a strided slice), then mapped by
 * BatchNorm + 1×1 conv (with bias) to the stage's target channels. No activation before the loss.
 */
public final class RegressionModel extends AbstractBlock {

    private final StageNetwork backbone;
    private final SequentialBlock[] heads;
    private final int outputSize;

    public RegressionModel(StageNetwork backbone, int[] targetChannels, int outputSize) {
        this.backbone = addChildBlock("backbone", backbone);
        this.outputSize = outputSize;
        int[] in = backbone.stageChannels();
        heads = new SequentialBlock[in.length];
        for (int l = 0; l < in.length; l++) {
            heads[l] = addChildBlock("head" + l, new SequentialBlock()
                    .add(Layers.batchNorm())
                    .add(Layers.conv2d(in[l], targetChannels[l], 1, 1, 0, true)));
        }
    }

    public StageNetwork backbone() {
        return backbone;
    }

    /** Nearest down-sampling to {@code size}×{@code size} for integer ratios. */
    public static NDArray nearest(NDArray x, int size) {
        long side = x.getShape().get(2);
        if (side == size) {
            return x;
        }
        if (side % size != 0) {
            throw new IllegalArgumentException("Stage output side " + side + " is not a multiple of " + size);
        }
        long stride = side / size;
        return x.get(new NDIndex(":, :, ::" + stride + ", ::" + stride));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList stages = backbone.forward(ps, inputs, training);
        NDList out = new NDList(heads.length);
        for (int l = 0; l < heads.length; l++) {
            NDArray small = nearest(stages.get(l), outputSize);
            out.add(heads[l].forward(ps, new NDList(small), training).singletonOrThrow());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        Shape[] out = new Shape[heads.length];
        for (int l = 0; l < heads.length; l++) {
            out[l] = heads[l].getOutputShapes(new Shape[] {small(stages[l])})[0];
        }
        return out;
    }

    private Shape small(Shape s) {
        return new Shape(s.get(0), s.get(1), outputSize, outputSize);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        for (int l = 0; l < heads.length; l++) {
            heads[l].initialize(manager, dataType, small(stages[l]));
        }
    }
}
