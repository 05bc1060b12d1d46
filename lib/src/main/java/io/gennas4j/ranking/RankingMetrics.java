package io.gennas4j.ranking;

import java.util.Objects;

/**
 * The ranking-metric suite of one proxy on one target (issue 12 §4, NASLib's set): Spearman ρ,
 * Kendall τ-b and Pearson r, seeded bootstrap 95 % intervals on ρ and τ, precision among the top
 * 1, 5 and 10 %, and BR@K / WR@K, always with the number of architectures n and how many
 * degenerate scores the {@link DegenerateScores} policy handled.
 *
 * <p>Correlations are <em>signed</em> and of the score as given: a loss that falls as accuracy
 * rises (GenNAS) has negative ρ, a measure that points the wrong way (e.g. {@code plain}) too;
 * {@link #alignedSpearman()} turns the sign by the proxy's direction so that a negative value
 * always means "ranks against its own claim". The papers report |ρ| ({@link #absSpearman()}).
 * The top-k metrics read the scores in the proxy's direction.
 *
 * <pre>{@code
 * RankingMetrics m = RankingMetrics.of(losses, accuracies, false);           // a loss: lower is better
 * m.spearman(); m.spearmanInterval(); m.n(); m.precisionTop5(); m.bestRankAtK();
 * }</pre>
 *
 * @param n architectures ranked by ρ and τ (after the policy: degenerate ones included under
 *     {@link DegenerateScores#WORST}, left out under {@link DegenerateScores#DROP})
 * @param degenerate architectures whose score was not finite (affected by the policy)
 * @param policy what was done with them
 * @param higherIsBetter the proxy's direction
 * @param spearman Spearman ρ, average ranks for ties (SciPy's {@code spearmanr}), signed
 * @param kendall Kendall τ-b (SciPy's {@code kendalltau}), signed
 * @param pearson Pearson r of the finite scores with accuracy, signed (a degenerate score has
 *     no value to correlate, so Pearson never includes one)
 * @param spearmanInterval bootstrap percentile interval of ρ
 * @param kendallInterval bootstrap percentile interval of τ
 * @param precisionTop1 precision among the top 1 % ({@link TopK#precisionAtTopPercent})
 * @param precisionTop5 precision among the top 5 %
 * @param precisionTop10 precision among the top 10 %
 * @param k K of BR@K and WR@K (clamped to n)
 * @param bestRankAtK BR@K: best true rank (1 = most accurate of the n) among the proxy's top K
 * @param worstRankAtK WR@K: worst true rank among the proxy's top K
 * @param resamples bootstrap resamples
 * @param seed bootstrap seed
 */
public record RankingMetrics(int n, int degenerate, DegenerateScores policy, boolean higherIsBetter,
        double spearman, double kendall, double pearson,
        ConfidenceInterval spearmanInterval, ConfidenceInterval kendallInterval,
        double precisionTop1, double precisionTop5, double precisionTop10,
        int k, int bestRankAtK, int worstRankAtK, int resamples, long seed) {

    /**
     * How the suite is computed.
     *
     * @param degenerate the degenerate-score policy (default {@link DegenerateScores#WORST})
     * @param resamples bootstrap resamples, ≥ 0 (default 1,000; 0 skips the bootstrap and leaves
     *     the intervals undefined)
     * @param seed bootstrap seed (default 0)
     * @param k K of BR@K / WR@K, ≥ 1 (default 10)
     */
    public record Settings(DegenerateScores degenerate, int resamples, long seed, int k) {

        /** WORST, 1,000 resamples, seed 0, K = 10. */
        public static final Settings DEFAULT = new Settings(DegenerateScores.WORST, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED, 10);

        /** @throws IllegalArgumentException for a null policy, resamples &lt; 0 or k &lt; 1 */
        public Settings {
            Objects.requireNonNull(degenerate, "degenerate-score policy");
            if (resamples < 0) {
                throw new IllegalArgumentException("bootstrap resamples must be >= 0 (0: no intervals), got " + resamples);
            }
            if (k < 1) {
                throw new IllegalArgumentException("K of BR@K/WR@K must be >= 1, got " + k);
            }
        }

        /** These settings with another degenerate-score policy. */
        public Settings withDegenerate(DegenerateScores policy) {
            return new Settings(policy, resamples, seed, k);
        }

        /** These settings with {@code r} bootstrap resamples (0: no intervals). */
        public Settings withResamples(int r) {
            return new Settings(degenerate, r, seed, k);
        }

        /** These settings with another bootstrap seed. */
        public Settings withSeed(long s) {
            return new Settings(degenerate, resamples, s, k);
        }

        /** These settings with another K for BR@K / WR@K. */
        public Settings withK(int kk) {
            return new Settings(degenerate, resamples, seed, kk);
        }
    }

    /** The suite with {@link Settings#DEFAULT}. */
    public static RankingMetrics of(double[] scores, double[] accuracies, boolean higherIsBetter) {
        return of(scores, accuracies, higherIsBetter, Settings.DEFAULT);
    }

    /**
     * Computes the suite.
     *
     * @param scores the proxy's scores, one per architecture; non-finite values are degenerate
     * @param accuracies ground truth (%, or any scale where higher is better), same length; a
     *     pair with a non-finite accuracy is left out (not counted as degenerate)
     * @param higherIsBetter whether a higher score predicts higher accuracy (false for a loss)
     * @param settings policy, bootstrap and K
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static RankingMetrics of(double[] scores, double[] accuracies, boolean higherIsBetter, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        if (scores.length != accuracies.length) {
            throw new IllegalArgumentException("Ranking metrics need one accuracy per score, got " + scores.length + " scores and "
                    + accuracies.length + " accuracies");
        }
        int m = 0;
        int degenerate = 0;
        double[] s = new double[scores.length];
        double[] a = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(accuracies[i])) {
                continue;
            }
            if (DegenerateScores.isDegenerate(scores[i])) {
                degenerate++;
                if (settings.degenerate() == DegenerateScores.DROP) {
                    continue;
                }
            }
            s[m] = DegenerateScores.worstValue(scores[i], higherIsBetter);
            a[m++] = accuracies[i];
        }
        s = java.util.Arrays.copyOf(s, m);
        a = java.util.Arrays.copyOf(a, m);
        double rho = m < 2 ? Double.NaN : RankCorrelation.spearman(s, a);
        double tau = m < 2 ? Double.NaN : RankCorrelation.kendall(s, a);
        double r = RankCorrelation.pearson(s, a);
        Bootstrap.Result boot = settings.resamples() == 0
                ? new Bootstrap.Result(ConfidenceInterval.undefined(Bootstrap.LEVEL), ConfidenceInterval.undefined(Bootstrap.LEVEL), 0, settings.seed())
                : Bootstrap.rankCorrelations(s, a, settings.resamples(), settings.seed());
        boolean any = m > 0;
        return new RankingMetrics(m, degenerate, settings.degenerate(), higherIsBetter, rho, tau, r,
                boot.spearman(), boot.kendall(),
                any ? TopK.precisionAtTopPercent(s, a, higherIsBetter, 1) : Double.NaN,
                any ? TopK.precisionAtTopPercent(s, a, higherIsBetter, 5) : Double.NaN,
                any ? TopK.precisionAtTopPercent(s, a, higherIsBetter, 10) : Double.NaN,
                Math.min(settings.k(), m), TopK.bestRankAtK(s, a, higherIsBetter, settings.k()),
                TopK.worstRankAtK(s, a, higherIsBetter, settings.k()), settings.resamples(), settings.seed());
    }

    /** |ρ|, how the papers report it. */
    public double absSpearman() {
        return Math.abs(spearman);
    }

    /** |τ|. */
    public double absKendall() {
        return Math.abs(kendall);
    }

    /** The interval of |ρ| (the image of {@link #spearmanInterval()} under |·|). */
    public ConfidenceInterval absSpearmanInterval() {
        return spearmanInterval.abs();
    }

    /** The interval of |τ|. */
    public ConfidenceInterval absKendallInterval() {
        return kendallInterval.abs();
    }

    /**
     * ρ in the proxy's own direction: ρ for a higher-is-better score, −ρ for a loss. Positive means
     * the proxy ranks as it claims to; negative that it ranks against its claim (charts mark it).
     */
    public double alignedSpearman() {
        return higherIsBetter ? spearman : -spearman;
    }

    /** The two rank coefficients as a {@link Correlation} (n, signed ρ and τ). */
    public Correlation correlation(String label) {
        return new Correlation(label, n, spearman, kendall);
    }
}
