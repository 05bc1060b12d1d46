package io.gennas4j.ranking;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Rank correlations as SciPy computes them: Spearman ρ on average ranks for ties
 * ({@code scipy.stats.spearmanr}) and Kendall τ-b ({@code scipy.stats.kendalltau}). Pairs with a
 * NaN on either side are dropped first.
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
