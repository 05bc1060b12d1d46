package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.gennas4j.nn.WeightLayer;

/**
 * Measures read from the cross-entropy gradient of every kernel after one forward/backward pass
 * on the labelled batch (BN in training mode): the network score is the sum over layers of a
 * per-layer value computed from the kernel W and its gradient g.
 */
abstract class GradientMeasure implements ZeroCostMeasure {

    /** The layer's contribution given its kernel and gradient. */
    abstract double layerValue(NDArray weight, NDArray gradient);

    @Override
    public double compute(ZeroCostContext ctx) {
        try (GradientCollector gc = ctx.gradientCollector()) {
            gc.backward(ctx.crossEntropy(ctx.logits(ctx.images(), true)));
        }
        double total = 0;
        for (WeightLayer layer : ctx.weightLayers()) {
            total += layerValue(ZeroCostContext.weight(layer), ZeroCostContext.gradient(layer));
        }
        return total;
    }

    /** grad_norm: Σ over layers of the Frobenius norm of the kernel's gradient. */
    static final class GradNorm extends GradientMeasure {
        @Override
        public String name() {
            return "grad_norm";
        }

        @Override
        double layerValue(NDArray w, NDArray g) {
            return Math.sqrt(g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble());
        }
    }

    /** snip: Σ |g ⊙ W| (the mask gradient of SNIP at mask = 1). */
    static final class Snip extends GradientMeasure {
        @Override
        public String name() {
            return "snip";
        }

        @Override
        double layerValue(NDArray w, NDArray g) {
            return g.mul(w).abs().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }

    /** plain: Σ g ⊙ W, signed. */
    static final class Plain extends GradientMeasure {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        double layerValue(NDArray w, NDArray g) {
            return g.mul(w).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }
}
