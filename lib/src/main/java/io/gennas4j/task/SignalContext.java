package io.gennas4j.task;

import java.util.Random;

/**
 * What a basis needs to draw one stage's tensor.
 *
 * @param batch images in the batch (B)
 * @param channels target channels of the stage (C_l)
 * @param size target map side (8)
 * @param rng the task's random stream (targets are drawn once per task)
 * @param images the clean, normalised input batch, row-major [B, 3, imageSize, imageSize]
 * @param imageSize side of the input images (32)
 */
public record SignalContext(int batch, int channels, int size, Random rng, float[] images, int imageSize) {

    /** Element count of a [B, C, S, S] tensor. */
    public int volume() {
        return batch * channels * size * size;
    }

    /** Offset of map (b, c) in a [B, C, S, S] tensor. */
    public int offset(int b, int c) {
        return (b * channels + c) * size * size;
    }
}
