package io.gennas4j.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/** Small composite blocks shared by the search spaces. */
public final class Ops {

    private Ops() {}

    /** ReLU → Conv(k, stride) → BN, the NAS-Bench-201 / DARTS "ReLUConvBN". */
    public static SequentialBlock reluConvBn(
            int in, int out, int kernel, int stride, boolean convBias, BatchNorm2d bn) {
        return new SequentialBlock()
                .add(Layers.relu())
                .add(Layers.conv2d(in, out, kernel, stride, kernel / 2, convBias))
                .add(bn);
    }

    /** Average pooling, PyTorch's {@code AvgPool2d(k, stride, padding, count_include_pad)}. */
    public static Block avgPool(int kernel, int stride, int padding, boolean countIncludePad) {
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        return LambdaBlock.singleton(x -> {
            pooled(x);
            return Pool.avgPool2d(x, k, s, p, false, countIncludePad);
        }, "avgPool" + kernel);
    }

    /** Max pooling, PyTorch's {@code MaxPool2d(k, stride, padding)}. */
    public static Block maxPool(int kernel, int stride, int padding) {
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        return LambdaBlock.singleton(x -> {
            pooled(x);
            return Pool.maxPool2d(x, k, s, p, false);
        }, "maxPool" + kernel);
    }

    private static void pooled(ai.djl.ndarray.NDArray x) {
        ActivationHooks hooks = ActivationHooks.current();
        if (hooks != null) {
            hooks.beforePool(x);
        }
    }
}
