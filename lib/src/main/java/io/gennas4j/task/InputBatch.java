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
     * Eproxy's normalisation (spec §7.2 step 1, the reference's CIFAR-10 training-set statistics):
     * mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616).
     */
    public static final double[] EPROXY_MEAN = {0.4913997551666284, 0.48215855929893703, 0.4465309133731618};
    public static final double[] EPROXY_STD = {0.24703225141799082, 0.24348516474564, 0.26158783926049628};

    /**
     * Draws {@code batchSize} distinct images uniformly with {@code seed}, GenNAS's pipeline
     * (no crop, CIFAR mean and std).
     *
     * @param flip whether to flip each image horizontally with probability ½ (the paper's pipeline)
     */
    public static InputBatch draw(Cifar10Images source, int batchSize, long seed, boolean flip) {
        return draw(source, batchSize, seed, flip, 0, CIFAR_MEAN, CIFAR_STD);
    }

    /**
     * Draws {@code batchSize} distinct images uniformly with {@code seed} and applies torchvision's
     * {@code RandomCrop(32, padding)}, {@code RandomHorizontalFlip()} and {@code Normalize(mean,
     * std)} once per image (the batch is fixed, so each transform is drawn once). Padding is black
     * (pixel 0 before normalisation), as torchvision pads PIL images. With {@code cropPadding} 0
     * no crop offsets are drawn, so GenNAS's batches are unchanged by this option.
     *
     * @param cropPadding zero padding on each side before the 32×32 crop (Eproxy: 4)
     * @param mean per-channel mean of [0, 1] pixels, 3 values
     * @param std per-channel standard deviation, 3 values
     * @throws IllegalArgumentException for more images than the source has or a negative padding
     */
    public static InputBatch draw(Cifar10Images source, int batchSize, long seed, boolean flip, int cropPadding,
            double[] mean, double[] std) {
        if (batchSize > source.size()) {
            throw new IllegalArgumentException("Batch of " + batchSize + " asked from only " + source.size() + " images");
        }
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
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
            int dy = cropPadding > 0 ? rng.nextInt(2 * cropPadding + 1) - cropPadding : 0;
            int dx = cropPadding > 0 ? rng.nextInt(2 * cropPadding + 1) - cropPadding : 0;
            boolean mirror = flip && rng.nextDouble() < 0.5;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < s; j++) {
                        int si = i + dy;
                        int sj = (mirror ? s - 1 - j : j) + dx; // flip acts on the cropped image
                        int v = si < 0 || si >= s || sj < 0 || sj >= s ? 0 : source.pixel(idx, c, si, sj);
                        images[((b * 3 + c) * s + i) * s + j] = (float) ((v / 255.0 - mean[c]) / std[c]);
                    }
                }
            }
        }
        return new InputBatch(images, labels, indices, s);
    }
}
