package io.gennas4j.task;

/**
 * Resize: the clean input batch, nearest-downsampled to S×S and rescaled over the whole tensor to
 * [−1, 1]; target channel c is image channel (π_c mod 3) for a random permutation π of 0..999
 * (spec §1.4). Always per image.
 */
public final class Resize implements SignalBasis {

    private static final int PERMUTATION = 1000;

    @Override
    public String key() {
        return "resize";
    }

    @Override
    public float[] draw(BasisConfig config, SignalContext ctx) {
        int s = ctx.size();
        int n = ctx.imageSize();
        int b = ctx.batch();
        float[] small = new float[b * 3 * s * s];
        float min = Float.POSITIVE_INFINITY;
        for (int img = 0; img < b; img++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < s; j++) {
                        // nearest: source index floor(dst * in / out)
                        float v = ctx.images()[((img * 3 + ch) * n + i * n / s) * n + j * n / s];
                        small[((img * 3 + ch) * s + i) * s + j] = v;
                        min = Math.min(min, v);
                    }
                }
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < small.length; k++) {
            small[k] -= min;
            max = Math.max(max, small[k]);
        }
        for (int k = 0; k < small.length; k++) {
            small[k] = max > 0 ? (small[k] / max - 0.5f) * 2 : 0f;
        }
        int[] perm = Waves.firstOfPermutation(PERMUTATION, ctx.channels(), ctx.rng());
        float[] out = new float[ctx.volume()];
        for (int img = 0; img < b; img++) {
            for (int c = 0; c < ctx.channels(); c++) {
                int ch = perm[c] % 3;
                System.arraycopy(small, (img * 3 + ch) * s * s, out, ctx.offset(img, c), s * s);
            }
        }
        return out;
    }

    @Override
    public void validate(BasisConfig config, String where) {
        // only the level, checked by the task config
    }
}
