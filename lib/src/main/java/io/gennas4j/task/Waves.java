package io.gennas4j.task;

import java.util.Random;

/** Shared machinery of the Sin1D and Sin2D bases. */
final class Waves {

    /** Phases per frequency (the code's {@code num_pos_feats}). */
    static final int PHASES = 32;

    private Waves() {}

    static double[] phases(Random rng) {
        double[] phi = new double[PHASES];
        for (int k = 0; k < PHASES; k++) {
            phi[k] = rng.nextDouble() * 2 * Math.PI;
        }
        return phi;
    }

    /** Even k: sin; odd k: cos — the code's interleave of {@code [0::2].sin(), [1::2].cos()}. */
    static double wave(int k, double angle) {
        return (k & 1) == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    /** A uniformly random permutation's first {@code count} entries out of {@code n}. */
    static int[] firstOfPermutation(int n, int count, Random rng) {
        if (count > n) {
            throw new InvalidTaskConfigException(
                    "A stage asks for " + count + " channels but this basis has only " + n + " candidates");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[count];
        System.arraycopy(perm, 0, out, 0, count);
        return out;
    }

    static void validateRange(BasisConfig config, String where) {
        double[] range = config.range();
        if (range == null || range.length == 0) {
            throw new InvalidTaskConfigException(where + ".range is missing: give a list of frequencies in [0, 0.5), "
                    + "e.g. [0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3, 0.325, 0.35]");
        }
        for (double beta : range) {
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new InvalidTaskConfigException(where + ".range holds " + beta + ": frequencies must be finite and >= 0");
            }
        }
        if (config.local() == null) {
            throw new InvalidTaskConfigException(where + ".local is missing: true (a draw per image) or false (shared)");
        }
    }
}
