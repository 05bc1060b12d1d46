package io.gennas4j.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * A convolution or linear layer: the layers the zero-cost measures read their per-weight values
 * from ("every Conv2d and Linear" in the reference code).
 */
public interface WeightLayer extends Block {

    /** The kernel (convolution) or weight matrix (linear layer). */
    Parameter weight();

    /** Multiply–accumulates per output element: in_channels·k·k, or in_features. */
    default long fanIn() {
        long[] shape = weight().getArray().getShape().getShape();
        long fan = 1;
        for (int i = 1; i < shape.length; i++) {
            fan *= shape[i];
        }
        return fan;
    }
}
