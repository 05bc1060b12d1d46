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
 * resized to 8×8 (source index floor(dst·in/out): a strided slice down, repeated pixels up), then mapped by
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

    /**
     * PyTorch's default {@code F.interpolate(x, size)} (mode nearest, source index
     * ⌊dst·in/out⌋) to {@code size}×{@code size}, for sides that divide or are divided by
     * {@code size}: down-sampling is a strided slice, up-sampling repeats each pixel
     * {@code size/side} times along both axes (a 1×1 map becomes a constant map). TransNAS
     * backbones at 32×32 input need the up-sampling (spec transnas-eproxy.md A.3).
     *
     * @param x [B, C, side, side]
     * @throws IllegalArgumentException for a side that neither divides nor is a multiple of size
     */
    public static NDArray nearest(NDArray x, int size) {
        long side = x.getShape().get(2);
        if (x.getShape().get(3) != side) {
            throw new IllegalArgumentException("nearest resizing here needs square maps, got " + x.getShape());
        }
        if (side == size) {
            return x;
        }
        if (side > size && side % size == 0) {
            long stride = side / size;
            return x.get(new NDIndex(":, :, ::" + stride + ", ::" + stride));
        }
        if (side < size && size % side == 0) {
            long k = size / side;
            return x.repeat(2, k).repeat(3, k);
        }
        throw new IllegalArgumentException("Stage output side " + side + " and size " + size
                + " are not integer multiples of each other; nearest resizing here needs one");
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
