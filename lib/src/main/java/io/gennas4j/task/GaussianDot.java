package io.gennas4j.task;

/**
 * Gaussian dot: a {@link Dot} map smoothed by SciPy's {@code gaussian_filter(σ=1)} — separable,
 * 9 taps (truncate 4.0), {@code mode='reflect'} (half-sample symmetric) — then divided by its
 * largest magnitude so the peak is ±1. A map with no dots stays zero (the reference code divides
 * by zero there).
 */
public final class GaussianDot extends Dot {

    private static final int RADIUS = 4;
    private static final double[] KERNEL = kernel();

    @Override
    public String key() {
        return "dot_gaussian";
    }

    private static double[] kernel() {
        double[] w = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int x = -RADIUS; x <= RADIUS; x++) {
            w[x + RADIUS] = Math.exp(-0.5 * x * x);
            sum += w[x + RADIUS];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** SciPy 'reflect': d c b a | a b c d | d c b a. */
    static int reflect(int i, int n) {
        while (i < 0 || i >= n) {
            i = i < 0 ? -i - 1 : 2 * n - i - 1;
        }
        return i;
    }

    @Override
    protected void finishMap(float[] maps, int offset, int rows, int cols) {
        double[] tmp = new double[rows * cols];
        // along rows (axis 0) first, then columns, as scipy does for axis 0 then 1
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    acc += KERNEL[t + RADIUS] * maps[offset + reflect(i + t, rows) * cols + j];
                }
                tmp[i * cols + j] = acc;
            }
        }
        double peak = 0;
        double[] res = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    acc += KERNEL[t + RADIUS] * tmp[i * cols + reflect(j + t, cols)];
                }
                res[i * cols + j] = acc;
                peak = Math.max(peak, Math.abs(acc));
            }
        }
        for (int k = 0; k < rows * cols; k++) {
            maps[offset + k] = peak > 0 ? (float) (res[k] / peak) : 0f;
        }
    }
}
