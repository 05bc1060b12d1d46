package io.gennas4j.task;

import java.util.Random;

/**
 * Sin1D: horizontal and vertical waves. Per frequency β, 32 phases φ_k give a vertical block
 * (angle 2πβ·i + φ_k) and a horizontal block (2πβ·j + φ_k), sin for even k and cos for odd k,
 * 64 maps per β; a random subset of the candidates becomes the stage's channels (spec §1.4).
 * Rows and columns count from 1, as in the reference code.
 */
public final class Sin1D implements SignalBasis {

    @Override
    public String key() {
        return "sin1d";
    }

    @Override
    public float[] draw(BasisConfig config, SignalContext ctx) {
        float[] out = new float[ctx.volume()];
        double[] betas = config.range();
        int s = ctx.size();
        float[] shared = config.isLocal() ? null : drawOne(betas, ctx.channels(), s, ctx.rng());
        for (int b = 0; b < ctx.batch(); b++) {
            float[] maps = shared != null ? shared : drawOne(betas, ctx.channels(), s, ctx.rng());
            System.arraycopy(maps, 0, out, ctx.offset(b, 0), maps.length);
        }
        return out;
    }

    private static float[] drawOne(double[] betas, int channels, int s, Random rng) {
        double[][] phases = new double[betas.length][];
        for (int f = 0; f < betas.length; f++) {
            phases[f] = Waves.phases(rng);
        }
        int perFrequency = 2 * Waves.PHASES;
        int[] picks = Waves.firstOfPermutation(betas.length * perFrequency, channels, rng);
        float[] maps = new float[channels * s * s];
        for (int c = 0; c < channels; c++) {
            int f = picks[c] / perFrequency;
            int within = picks[c] % perFrequency;
            boolean vertical = within < Waves.PHASES; // the Y block comes first
            int k = within % Waves.PHASES;
            double step = 2 * Math.PI * betas[f];
            for (int i = 1; i <= s; i++) {
                for (int j = 1; j <= s; j++) {
                    double angle = step * (vertical ? i : j) + phases[f][k];
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
