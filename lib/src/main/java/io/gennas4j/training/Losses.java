package io.gennas4j.training;

import ai.djl.ndarray.NDArray;

/** Losses with PyTorch's definitions (DJL's {@code L2Loss} is half the MSE). */
public final class Losses {

    private Losses() {}

    /** PyTorch {@code MSELoss}: the mean of squared differences over all elements. */
    public static NDArray mse(NDArray prediction, NDArray target) {
        return prediction.sub(target).square().mean();
    }
}
