package io.gennas4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** DJL's {@link Linear} that reports its output to the installed {@link ActivationHooks}. */
final class HookedLinear extends Linear implements WeightLayer {

    HookedLinear(Linear.Builder builder) {
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
