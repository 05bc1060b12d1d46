package io.gennas4j.nn;

import ai.djl.ndarray.NDArray;

/**
 * Observers of a forward pass, for measures that need more than the output: every convolution's
 * and linear layer's output (fisher, FLOPs), every ReLU's input (NASWOT), and the inputs of
 * BatchNorm and pooling layers ({@link MacCounter}). Install them for the
 * current thread with {@link #install}; without hooks the layers pay nothing.
 *
 * <pre>{@code
 * try (ActivationHooks.Installed h = ActivationHooks.install(myHooks)) {
 *     network.forward(ps, input, true);
 * }
 * }</pre>
 */
public interface ActivationHooks {

    /**
     * Sees (and may replace) the output of a convolution or linear layer. A replacement must equal
     * the output in value; it exists so a measure can put a probe into the autograd graph.
     *
     * @param layer the layer, for its weight shape
     * @param output [batch, channels, h, w] for a convolution, [batch, units] for a linear layer
     */
    default NDArray afterWeightLayer(WeightLayer layer, NDArray output) {
        return output;
    }

    /** Sees the input of a ReLU (its pre-activation). */
    default void beforeRelu(NDArray preActivation) {}

    /** Sees the input of a {@link BatchNorm2d} (MAC counting: ptflops counts BN layers). */
    default void beforeBatchNorm(BatchNorm2d bn, NDArray input) {}

    /** Sees the input of a max or average pooling layer (MAC counting). */
    default void beforePool(NDArray input) {}

    /** Handle that removes the hooks again. */
    interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /** Installs hooks for the current thread until the handle is closed. */
    static Installed install(ActivationHooks hooks) {
        ActivationHooks previous = Current.HOOKS.get();
        Current.HOOKS.set(hooks);
        return () -> Current.HOOKS.set(previous);
    }

    /** What a hooked layer returns: its output, after the installed hooks (if any) saw it. */
    static ai.djl.ndarray.NDList afterWeightLayer(WeightLayer layer, ai.djl.ndarray.NDList output) {
        ActivationHooks hooks = current();
        return hooks == null ? output : new ai.djl.ndarray.NDList(hooks.afterWeightLayer(layer, output.singletonOrThrow()));
    }

    /** The hooks installed on this thread, or null. */
    static ActivationHooks current() {
        return Current.HOOKS.get();
    }

    /** Holder of the thread-local (interfaces cannot have private static fields). */
    final class Current {
        private static final ThreadLocal<ActivationHooks> HOOKS = new ThreadLocal<>();

        private Current() {}
    }
}
