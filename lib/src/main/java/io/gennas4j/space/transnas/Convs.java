package io.gennas4j.space.transnas;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.NormalInitializer;
import io.gennas4j.nn.Layers;

/**
 * The backbone's convolutions with the build's initialisation (A.2.9): PyTorch's default for
 * {@link TransNasBuild#EPROXY} (GenNAS-Zero disabled the benchmark's init), Kaiming-normal
 * fan_out with ReLU gain for {@link TransNasBuild#BENCHMARK}. No convolution has a bias.
 */
final class Convs {

    private final TransNasBuild build;

    Convs(TransNasBuild build) {
        this.build = build;
    }

    /** Conv(k×k, stride s, padding (k−1)/2, no bias). */
    Conv2d conv(int in, int out, int kernel, int stride) {
        Conv2d conv = Layers.conv2d(in, out, kernel, stride, kernel / 2, false);
        if (build == TransNasBuild.BENCHMARK) {
            conv.getParameters().get("weight").setInitializer(
                    new NormalInitializer((float) Math.sqrt(2.0 / (out * kernel * kernel))));
        }
        return conv;
    }

    /** ReLU → Conv → BN (ops 2 and 3, the basic block's halves, the stem's second half). */
    SequentialBlock reluConvBn(int in, int out, int kernel, int stride) {
        return new SequentialBlock().add(Layers.relu()).add(conv(in, out, kernel, stride)).add(Layers.batchNorm());
    }

    /** ⌈side/stride⌉: every stride-2 layer of the backbone (A.2.7). */
    static long out(long side, int stride) {
        return (side + stride - 1) / stride;
    }

    /** The shape a cell, block or edge C_in → {@code channels} with {@code stride} gives for {@code in} [B, C, H, W]. */
    static ai.djl.ndarray.types.Shape outShape(ai.djl.ndarray.types.Shape in, int channels, int stride) {
        return new ai.djl.ndarray.types.Shape(in.get(0), channels, out(in.get(2), stride), out(in.get(3), stride));
    }
}
