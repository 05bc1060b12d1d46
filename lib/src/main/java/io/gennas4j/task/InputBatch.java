package io.gennas4j.task;

import io.gennas4j.benchmark.Cifar10Images;
import java.util.Random;

/**
 * The fixed batch of real images every architecture sees (spec §1.1): drawn once with a seed,
 * optionally flipped horizontally per image (the code's RandomHorizontalFlip, applied once because
 * the batch is drawn once), and normalised with the CIFAR mean and standard deviation.
 *
 * @param images row-major [batch, 3, side, side], normalised
 * @param labels class label per image
 * @param indices which records of the image file were drawn
 * @param side image side (32)
 */
public record InputBatch(float[] images, int[] labels, int[] indices, int side) {

    /** CIFAR-10/100 mean and std (spec §1.1): (125.3, 123.0, 113.9)/255 and (63.0, 62.1, 66.7)/255. */
    public static final double[] CIFAR_MEAN = {125.3 / 255, 123.0 / 255, 113.9 / 255};
    public static final double[] CIFAR_STD = {63.0 / 255, 62.1 / 255, 66.7 / 255};

    public int batchSize() {
        return labels.length;
    }

    /**
     * Draws {@code batchSize} distinct images uniformly with {@code seed}.
     *
     * @param flip whether to flip each image horizontally with probability ½ (the paper's pipeline)
     */
    public static InputBatch draw(Cifar10Images source, int batchSize, long seed, boolean flip) {
        if (batchSize > source.size()) {
            throw new IllegalArgumentException("Batch of " + batchSize + " asked from only " + source.size() + " images");
        }
        Random rng = new Random(seed);
        int[] pool = new int[source.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < batchSize; i++) { // partial Fisher–Yates: a uniform draw without replacement
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int s = Cifar10Images.SIDE;
        float[] images = new float[batchSize * 3 * s * s];
        int[] labels = new int[batchSize];
        int[] indices = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int idx = pool[b];
            indices[b] = idx;
            labels[b] = source.label(idx);
            boolean mirror = flip && rng.nextDouble() < 0.5;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < s; j++) {
                        int v = source.pixel(idx, c, i, mirror ? s - 1 - j : j);
                        images[((b * 3 + c) * s + i) * s + j] = (float) ((v / 255.0 - CIFAR_MEAN[c]) / CIFAR_STD[c]);
                    }
                }
            }
        }
        return new InputBatch(images, labels, indices, s);
    }
}
