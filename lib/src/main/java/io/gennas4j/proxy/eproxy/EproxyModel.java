package io.gennas4j.proxy.eproxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.Layers;
import io.gennas4j.proxy.RegressionModel;
import io.gennas4j.space.StageNetwork;
import java.util.List;

/**
 * The trainable part of Eproxy (spec §7.2 steps 2–3): the backbone's stage outputs, deepest
 * first, nearest-resized to 8×8 (source index floor(i·in/8)), and per branch i a head
 * Conv(k) in_i → out_i (padding (k−1)/2, with bias) → ReLU → BatchNorm. Branch 0 sits on the
 * deepest stage, branch 1 on the middle one, branch 2 on the shallowest. Returns one
 * [B, out_i, 8, 8] tensor per branch; the {@link Barrier} follows outside this block, so that it
 * stays out of the optimiser and of {@code init_net}.
 */
public final class EproxyModel extends AbstractBlock {

    /** Side of the resized taps and the targets. */
    public static final int SIZE = 8;

    private final StageNetwork backbone;
    private final SequentialBlock[] heads;

    public EproxyModel(StageNetwork backbone, List<EproxyConfig.Branch> branches) {
        this.backbone = addChildBlock("backbone", backbone);
        int[] stageChannels = backbone.stageChannels();
        heads = new SequentialBlock[branches.size()];
        for (int i = 0; i < heads.length; i++) {
            EproxyConfig.Branch b = branches.get(i);
            int in = stageChannels[stageChannels.length - 1 - i];
            int k = b.headKernel();
            heads[i] = addChildBlock("head" + i, new SequentialBlock()
                    .add(Layers.conv2d(in, b.outChannels(), k, 1, (k - 1) / 2, true))
                    .add(Layers.relu())
                    .add(Layers.batchNorm()));
        }
    }

    public StageNetwork backbone() {
        return backbone;
    }

    private NDArray tap(NDList stages, int branch) {
        int taps = backbone.stageChannels().length;
        return RegressionModel.nearest(stages.get(taps - 1 - branch), SIZE);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList stages = backbone.forward(ps, inputs, training);
        NDList out = new NDList(heads.length);
        for (int i = 0; i < heads.length; i++) {
            out.add(heads[i].forward(ps, new NDList(tap(stages, i)), training).singletonOrThrow());
        }
        return out;
    }

    private Shape tapShape(Shape[] stages, int branch) {
        Shape s = stages[backbone.stageChannels().length - 1 - branch];
        return new Shape(s.get(0), s.get(1), SIZE, SIZE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        Shape[] out = new Shape[heads.length];
        for (int i = 0; i < heads.length; i++) {
            out[i] = heads[i].getOutputShapes(new Shape[] {tapShape(stages, i)})[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] stages = backbone.getOutputShapes(inputShapes);
        for (int i = 0; i < heads.length; i++) {
            heads[i].initialize(manager, dataType, tapShape(stages, i));
        }
    }
}
