package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gennas4j.nn.ActivationHooks;
import io.gennas4j.nn.WeightLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * fisher (spec §6): for every output channel c of every convolution and linear layer,
 * F_c = ½ · mean over the batch of (Σ_spatial a ⊙ ∂L/∂a)², where a is the layer's output.
 * The reference code broadcasts F_c to the channel's in_ch·k·k weights before summing, so the
 * network score is Σ_layers Σ_c F_c · in_ch·k·k; that weighting is kept.
 *
 * <p>Σ_spatial a ⊙ ∂L/∂a per sample and channel is obtained exactly as the gradient of a probe:
 * the layer output is multiplied by a [B, C, 1, 1] array of ones whose gradient is that sum.
 */
final class Fisher implements ZeroCostMeasure {

    @Override
    public String name() {
        return "fisher";
    }

    private record Probe(WeightLayer layer, NDArray ones) {}

    @Override
    public double compute(ZeroCostContext ctx) {
        List<Probe> probes = new ArrayList<>();
        ActivationHooks hooks = new ActivationHooks() {
            @Override
            public NDArray afterWeightLayer(WeightLayer layer, NDArray out) {
                long[] s = out.getShape().getShape();
                Shape probeShape = s.length == 4 ? new Shape(s[0], s[1], 1, 1) : new Shape(s[0], s[1]);
                NDArray ones = ctx.manager().ones(probeShape, out.getDataType());
                ones.setRequiresGradient(true);
                probes.add(new Probe(layer, ones));
                return out.mul(ones);
            }
        };
        try (GradientCollector gc = ctx.gradientCollector();
                ActivationHooks.Installed h = ActivationHooks.install(hooks)) {
            gc.backward(ctx.crossEntropy(ctx.logits(ctx.images(), true)));
        }
        double total = 0;
        for (Probe p : probes) {
            NDArray g = p.ones().getGradient().reshape(p.ones().getShape().get(0), -1); // [B, C]
            NDArray perChannel = g.square().mean(new int[] {0}).mul(0.5);
            total += perChannel.sum().toType(DataType.FLOAT64, false).getDouble() * p.layer().fanIn();
        }
        return total;
    }
}
