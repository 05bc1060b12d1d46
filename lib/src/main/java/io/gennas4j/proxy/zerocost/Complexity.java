package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.gennas4j.nn.MacCounter;

/** The trivial baselines: bigger networks tend to be better. */
final class Complexity {

    private Complexity() {}

    /**
     * params: trainable parameters of the network the benchmark trained, with its classifier
     * (NAS-Bench-201: {@code count_parameters_in_MB} × 10⁶: kernels, BN affine, classifier; running
     * statistics are not parameters).
     */
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
        public boolean onBenchmarkNetwork() {
            return true;
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
     * flops: multiply–accumulates of the convolutions and linear layers, biases included, for one
     * image at the batch's resolution, on the network the benchmark trained: NAS-Bench-201's own
     * definition ({@code get_model_infos} × 10⁶; {@link MacCounter.Convention#XAUTODL}), e.g.
     * 15,647,370 for its index 0.
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
        public boolean onBenchmarkNetwork() {
            return true;
        }

        @Override
        public double compute(ZeroCostContext ctx) {
            Shape one = ctx.ones(1).getShape();
            return MacCounter.count(ctx.network(), one, MacCounter.Convention.XAUTODL, ctx.manager());
        }
    }
}
