package io.gennas4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** DJL's {@link Conv2d} that reports its output to the installed {@link ActivationHooks}. */
final class HookedConv2d extends Conv2d implements WeightLayer {

    HookedConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    public Parameter weight() {
        return getParameters().get("weight");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return ActivationHooks.afterWeightLayer(this, super.forwardInternal(ps, inputs, training, params));
    }
}
