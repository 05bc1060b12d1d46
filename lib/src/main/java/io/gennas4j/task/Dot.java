package io.gennas4j.task;

import java.util.Random;

/**
 * Dot: per map, n = int(partial·S·S) distinct pixels drawn uniformly (rejection sampling, as in
 * the reference code) and set to +1 or −1 with equal probability; every other pixel is 0
 * (spec §1.4).
 */
public class Dot implements SignalBasis {

    @Override
    public String key() {
        return "dot";
    }

    @Override
    public float[] draw(BasisConfig config, SignalContext ctx) {
        int s = ctx.size();
        int n = Math.min(s * s, (int) (config.partial() * s * s));
        float[] out = new float[ctx.volume()];
        float[] shared = null;
        if (!config.isLocal()) {
            shared = new float[ctx.channels() * s * s];
            for (int c = 0; c < ctx.channels(); c++) {
                drawMap(shared, c * s * s, s, n, ctx.rng());
            }
        }
        for (int b = 0; b < ctx.batch(); b++) {
            if (shared != null) {
                System.arraycopy(shared, 0, out, ctx.offset(b, 0), shared.length);
            } else {
                for (int c = 0; c < ctx.channels(); c++) {
                    drawMap(out, ctx.offset(b, c), s, n, ctx.rng());
                }
            }
        }
        return out;
    }

    private void drawMap(float[] out, int offset, int s, int n, Random rng) {
        drawRectangle(out, offset, s, s, n, rng);
    }

    /**
     * One rows×cols map at {@code offset}: n distinct cells set to ±1 by rejection sampling (row,
     * then column, then the sign), then {@link #finishMap}. The NAS-Bench-NLP task draws its L×D
     * maps with this (n = int(partial·L·D)).
     */
    public void drawRectangle(float[] out, int offset, int rows, int cols, int n, Random rng) {
        if (n > rows * cols) {
            throw new IllegalArgumentException(n + " dots do not fit a " + rows + "x" + cols + " map");
        }
        int placed = 0;
        while (placed < n) {
            int row = rng.nextInt(rows);
            int col = rng.nextInt(cols);
            int idx = offset + row * cols + col;
            if (out[idx] == 0) {
                out[idx] = rng.nextDouble() > 0.5 ? 1f : -1f;
                placed++;
            }
        }
        finishMap(out, offset, rows, cols);
    }

    /** Hook for variants that post-process each rows×cols map (the Gaussian dot smooths it). */
    protected void finishMap(float[] maps, int offset, int rows, int cols) {}

    @Override
    public void validate(BasisConfig config, String where) {
        Double p = config.partial();
        if (p == null || !(p >= 0) || p > 1) {
            throw new InvalidTaskConfigException(where + ".partial must be a fraction in [0, 1] (share of pixels set to ±1), got " + p);
        }
        if (config.local() == null) {
            throw new InvalidTaskConfigException(where + ".local is missing: true (a draw per image) or false (shared)");
        }
    }
}
