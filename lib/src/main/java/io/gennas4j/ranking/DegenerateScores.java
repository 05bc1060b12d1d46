package io.gennas4j.ranking;

/**
 * What a ranking does with a <em>degenerate</em> score: a non-finite value (NaN, −∞ or +∞) that a
 * measure returns for a network it cannot rate, such as NASWOT of a rank-deficient ReLU kernel
 * (log |det| = −∞, reported as NaN) or jacob_cov of a network whose output ignores its input
 * (NAS-Bench-201 index 8274, {@code |none~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|skip_connect~1|none~2|},
 * 10 % accuracy). One policy serves every zero-cost measure and proxy (issue 12 §2).
 *
 * <p>A score that <em>failed</em> (the scoring runner recorded an error) is not degenerate: it is
 * not a judgement of the network, and every policy leaves it out (counted as failed).
 */
public enum DegenerateScores {

    /**
     * The default: a degenerate score ranks below every finite score (tied with the other
     * degenerate ones, average ranks), whichever way the measure points: as if it were −∞ for a
     * higher-is-better score and +∞ for a loss. The reference code ranks −∞ last in the same way.
     * Pearson r, which needs values and not ranks, is then computed over the finite scores only.
     */
    WORST,

    /** Leave degenerate scores out of every metric (gennas4j's behaviour before issue 12). */
    DROP;

    /** Whether a score is degenerate (not finite). */
    public static boolean isDegenerate(double score) {
        return !Double.isFinite(score);
    }

    /**
     * The value that stands in for a degenerate score under {@link #WORST}: −∞ when higher scores
     * are better, +∞ otherwise; a finite score is returned unchanged.
     */
    static double worstValue(double score, boolean higherIsBetter) {
        if (!isDegenerate(score)) {
            return score;
        }
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
