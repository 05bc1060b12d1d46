package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.gennas4j.nn.WeightLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * grasp (spec §6): with g the detached kernel gradients of a first pass, a second pass computes
 * the gradients with {@code create_graph}, z = Σ_layers ⟨g, ∂L/∂W⟩, and back-propagates z, which
 * gives the Hessian-gradient product Hg; the score is Σ −W ⊙ Hg.
 *
 * <p>DJL's engine-neutral {@code GradientCollector} has no {@code create_graph} option, so this
 * measure calls the PyTorch engine's public {@link JniUtils#backward} with {@code createGraph =
 * true}: it works only with the PyTorch engine (the only engine gennas4j ships).
 *
 * <p>That call stores a gradient with its graph on each kernel, a reference cycle PyTorch cannot
 * free without resetting {@code .grad} to None, which DJL cannot do: every architecture leaks its
 * activations (about 170 MB at NAS-Bench-201 size, batch 64). {@link #recycleAfter()} therefore
 * asks the scoring runner to compute grasp in a worker process that is replaced every few
 * architectures; call {@link ZeroCostProxy#score} directly only for a handful of networks.
 */
final class Grasp implements ZeroCostMeasure {

    @Override
    public String name() {
        return "grasp";
    }

    @Override
    public int recycleAfter() {
        return 8;
    }

    @Override
    public double compute(ZeroCostContext ctx) {
        List<WeightLayer> layers = ctx.weightLayers();
        // first pass: g, detached
        try (GradientCollector gc = ctx.gradientCollector()) {
            gc.backward(ctx.crossEntropy(ctx.logits(ctx.images(), true)));
        }
        List<NDArray> g = new ArrayList<>();
        for (WeightLayer l : layers) {
            g.add(ZeroCostContext.gradient(l).duplicate()); // a copy without history
        }
        List<NDArray> before = new ArrayList<>();
        try (GradientCollector gc = ctx.gradientCollector()) {
            gc.zeroGradients();
            NDArray loss = ctx.crossEntropy(ctx.logits(ctx.images(), true));
            backward(loss, true);
            NDArray z = null;
            for (int i = 0; i < layers.size(); i++) {
                NDArray gf = ZeroCostContext.gradient(layers.get(i)); // carries its graph
                before.add(gf.duplicate());
                NDArray term = gf.mul(g.get(i)).sum();
                z = z == null ? term : z.add(term);
            }
            backward(z, false);
        }
        double total = 0;
        for (int i = 0; i < layers.size(); i++) {
            // the second backward accumulates Hg onto the create_graph gradient
            NDArray hg = ZeroCostContext.gradient(layers.get(i)).sub(before.get(i));
            total += ZeroCostContext.weight(layers.get(i)).mul(hg).neg().sum()
                    .toType(DataType.FLOAT64, false).getDouble();
        }
        return total;
    }

    private static void backward(NDArray target, boolean createGraph) {
        PtNDArray t = (PtNDArray) target;
        JniUtils.backward(t, (PtNDArray) t.onesLike(), createGraph, createGraph);
    }
}
