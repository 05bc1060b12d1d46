package io.gennas4j.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;

/**
 * Factories for the layers the search spaces are built from, initialised the way PyTorch
 * initialises them by default ({@code kaiming_uniform_(a=√5)} for kernels, which is
 * U(−1/√fan_in, 1/√fan_in), and the same bound for biases). The papers' networks rely on these
 * defaults, and DJL's own default (Xavier) would change the proxy's ranking.
 *
 * <p>Convolutions, linear layers and ReLUs built here report to {@link ActivationHooks} when a
 * measure installs some, and convolutions and linear layers are {@link WeightLayer}s.
 */
public final class Layers {

    private Layers() {}

    /** A 2-D convolution with PyTorch's default initialisation. */
    public static Conv2d conv2d(
            int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        Conv2d conv = new HookedConv2d(
                Conv2d.builder()
                        .setFilters(outChannels)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .optBias(bias));
        torchDefaultInit(conv, inChannels * kernel * kernel);
        return conv;
    }

    /** A fully connected layer with PyTorch's default initialisation. */
    public static Linear linear(int inFeatures, int outFeatures) {
        Linear linear = linearLayer(outFeatures);
        torchDefaultInit(linear, inFeatures);
        return linear;
    }

    /** A fully connected layer left with DJL's initialisers, for spaces that set their own. */
    public static Linear linearLayer(int outFeatures) {
        return new HookedLinear(Linear.builder().setUnits(outFeatures));
    }

    /** ReLU that shows its input to the installed {@link ActivationHooks} (NASWOT reads it). */
    public static Block relu() {
        return LambdaBlock.singleton(x -> {
            ActivationHooks hooks = ActivationHooks.current();
            if (hooks != null) {
                hooks.beforeRelu(x);
            }
            return Activation.relu(x);
        }, "relu");
    }

    /** PyTorch's default {@code BatchNorm2d}: affine, tracked running statistics. */
    public static BatchNorm2d batchNorm() {
        return BatchNorm2d.builder().build();
    }

    /** NAS-Bench-201 cell normalisation: no affine parameters, always batch statistics. */
    public static BatchNorm2d batchStatNorm() {
        return BatchNorm2d.builder().optAffine(false).optTrackRunningStats(false).build();
    }

    private static void torchDefaultInit(Block block, int fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        for (var pair : block.getDirectParameters()) {
            Parameter p = pair.getValue();
            if (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.BIAS) {
                p.setInitializer(new UniformInitializer(bound));
            }
        }
    }
}
