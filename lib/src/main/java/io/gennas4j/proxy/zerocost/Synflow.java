package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.gennas4j.nn.WeightLayer;

/**
 * synflow (spec §6): BatchNorm off, float64, every parameter replaced by its absolute value, an
 * all-ones input of one image, R = Σ logits; the score is Σ |W ⊙ ∂R/∂W| over all kernels. Uses
 * no data or labels.
 */
final class Synflow implements ZeroCostMeasure {

    @Override
    public String name() {
        return "synflow";
    }

    @Override
    public boolean batchNorm() {
        return false;
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT64;
    }

    @Override
    public boolean usesData() {
        return false;
    }

    @Override
    public double compute(ZeroCostContext ctx) {
        for (Parameter p : ctx.parameters()) {
            if (p.isInitialized()) {
                NDArray a = p.getArray();
                a.muli(a.sign()); // in place, outside gradient recording: |a|
            }
        }
        try (GradientCollector gc = ctx.gradientCollector()) {
            gc.backward(ctx.logits(ctx.ones(1), true).sum());
        }
        double total = 0;
        for (WeightLayer layer : ctx.weightLayers()) {
            total += ZeroCostContext.weight(layer).mul(ZeroCostContext.gradient(layer)).abs().sum().getDouble();
        }
        return total;
    }
}
