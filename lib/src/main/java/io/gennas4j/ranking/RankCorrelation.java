package io.gennas4j.ranking;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Correlations as SciPy computes them: Spearman ρ on average ranks for ties
 * ({@code scipy.stats.spearmanr}), Kendall τ-b ({@code scipy.stats.kendalltau}) and Pearson r
 * ({@code scipy.stats.pearsonr}). Pairs with a NaN on either side are dropped first; each returns
 * NaN for fewer than 2 pairs or a constant side. {@link RankingMetrics} builds the whole suite
 * (intervals, top-k, the degenerate-score policy) on top of these. Every method throws
 * {@link IllegalArgumentException} if the arrays differ in length.
 */
public final class RankCorrelation {

    private RankCorrelation() {}

    public static double spearman(double[] x, double[] y) {
        double[][] xy = finitePairs(x, y);
        if (xy[0].length < 2) {
            return Double.NaN;
        }
        return new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE))
                .correlation(xy[0], xy[1]);
    }

    /**
     * Pearson's linear correlation r of the pairs (signed, in [−1, 1]). Unlike the rank
     * coefficients it needs finite values: pairs with an infinity are dropped too.
     */
    public static double pearson(double[] x, double[] y) {
        double[][] xy = finitePairs(x, y);
        int n = 0;
        for (int i = 0; i < xy[0].length; i++) {
            if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                xy[0][n] = xy[0][i];
                xy[1][n++] = xy[1][i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(java.util.Arrays.copyOf(xy[0], n), java.util.Arrays.copyOf(xy[1], n));
    }

    public static double kendall(double[] x, double[] y) {
        double[][] xy = finitePairs(x, y);
        if (xy[0].length < 2) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(xy[0], xy[1]);
    }

    /** Both coefficients at once. */
    public static Correlation of(String label, double[] x, double[] y) {
        return new Correlation(label, finitePairs(x, y)[0].length, spearman(x, y), kendall(x, y));
    }

    static double[][] finitePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Rank correlation needs equal lengths, got " + x.length + " and " + y.length);
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        return out;
    }
}
