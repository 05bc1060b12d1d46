package io.gennas4j.proxy.eproxy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.Layers;
import java.util.List;

/**
 * Eproxy's barrier layer (spec §7.2 step 4): per branch an untrainable Conv(k) out_i → last_i
 * (padding (k−1)/2, with bias, no activation after it), built afresh with random weights for every
 * architecture. {@link #freeze()} takes its parameters out of every optimiser: gradients flow
 * through it to the heads, but its weights stay at their random initialisation.
 */
public final class Barrier extends AbstractBlock {

    private final Block[] convs;

    public Barrier(List<EproxyConfig.Branch> branches) {
        convs = new Block[branches.size()];
        for (int i = 0; i < convs.length; i++) {
            EproxyConfig.Branch b = branches.get(i);
            int k = b.barrierKernel();
            convs[i] = addChildBlock("barrier" + i, Layers.conv2d(b.outChannels(), b.lastChannels(), k, 1, (k - 1) / 2, true));
        }
    }

    /** Marks every parameter as not requiring a gradient (call after initialisation). */
    public void freeze() {
        freezeParameters(true);
    }

    /** Whether no parameter requires a gradient. */
    public boolean frozen() {
        return getParameters().values().stream().noneMatch(p -> p.requiresGradient());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList(convs.length);
        for (int i = 0; i < convs.length; i++) {
            out.add(convs[i].forward(ps, new NDList(inputs.get(i)), training).singletonOrThrow());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[convs.length];
        for (int i = 0; i < convs.length; i++) {
            out[i] = convs[i].getOutputShapes(new Shape[] {inputShapes[i]})[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < convs.length; i++) {
            convs[i].initialize(manager, dataType, inputShapes[i]);
        }
    }
}
