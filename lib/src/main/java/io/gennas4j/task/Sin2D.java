package io.gennas4j.task;

import java.util.Random;

/**
 * Sin2D: oblique waves. For every ordered pair (β1, β2) of the range, 32 phases φ_k give angles
 * 2πβ1·i + 2πβ2·j + 2φ_k (the reference code adds the phase twice), sin/cos interleaved, plus the
 * same 32 maps flipped vertically: 64 maps per pair, a random subset kept (spec §1.4).
 */
public final class Sin2D implements SignalBasis {

    @Override
    public String key() {
        return "sin2d";
    }

    @Override
    public float[] draw(BasisConfig config, SignalContext ctx) {
        float[] out = new float[ctx.volume()];
        double[] betas = config.range();
        float[] shared = config.isLocal() ? null : drawOne(betas, ctx.channels(), ctx.size(), ctx.rng());
        for (int b = 0; b < ctx.batch(); b++) {
            float[] maps = shared != null ? shared : drawOne(betas, ctx.channels(), ctx.size(), ctx.rng());
            System.arraycopy(maps, 0, out, ctx.offset(b, 0), maps.length);
        }
        return out;
    }

    private static float[] drawOne(double[] betas, int channels, int s, Random rng) {
        int pairs = betas.length * betas.length;
        double[][] phases = new double[pairs][];
        for (int p = 0; p < pairs; p++) {
            phases[p] = Waves.phases(rng);
        }
        int perPair = 2 * Waves.PHASES;
        int[] picks = Waves.firstOfPermutation(pairs * perPair, channels, rng);
        float[] maps = new float[channels * s * s];
        for (int c = 0; c < channels; c++) {
            int p = picks[c] / perPair;
            int within = picks[c] % perPair;
            boolean flipped = within >= Waves.PHASES;
            int k = within % Waves.PHASES;
            double b1 = betas[p / betas.length];
            double b2 = betas[p % betas.length];
            for (int i = 1; i <= s; i++) {
                int row = flipped ? s + 1 - i : i;
                for (int j = 1; j <= s; j++) {
                    double angle = 2 * Math.PI * b1 * row + 2 * Math.PI * b2 * j + 2 * phases[p][k];
                    maps[c * s * s + (i - 1) * s + (j - 1)] = (float) Waves.wave(k, angle);
                }
            }
        }
        return maps;
    }

    @Override
    public void validate(BasisConfig config, String where) {
        Waves.validateRange(config, where);
    }
}
