package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.gennas4j.nn.ActivationHooks;
import io.gennas4j.nn.WeightLayer;

/** The trivial baselines: bigger networks tend to be better. */
final class Complexity {

    private Complexity() {}

    /** params: trainable parameters of the network with its classifier. */
    static final class Params implements ZeroCostMeasure {
        @Override
        public String name() {
            return "params";
        }

        @Override
        public boolean usesData() {
            return false;
        }

        @Override
        public double compute(ZeroCostContext ctx) {
            long n = 0;
            for (Parameter p : ctx.parameters()) {
                if (p.requiresGradient() && p.isInitialized()) {
                    n += p.getArray().size();
                }
            }
            return n;
        }
    }

    /**
     * flops: multiply–accumulates of the convolutions and linear layers for one 32×32 image
     * (output elements × in_ch·k·k), the usual "FLOPs" of NAS papers.
     */
    static final class Flops implements ZeroCostMeasure {
        @Override
        public String name() {
            return "flops";
        }

        @Override
        public boolean usesData() {
            return false;
        }

        @Override
        public double compute(ZeroCostContext ctx) {
            double[] macs = {0};
            ActivationHooks hooks = new ActivationHooks() {
                @Override
                public NDArray afterWeightLayer(WeightLayer layer, NDArray out) {
                    macs[0] += (double) (out.size() / out.getShape().get(0)) * layer.fanIn();
                    return out;
                }
            };
            try (ActivationHooks.Installed h = ActivationHooks.install(hooks)) {
                ctx.logits(ctx.ones(1), false);
            }
            return macs[0];
        }
    }
}
