package io.gennas4j.ranking;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well a proxy picks the best architectures (NASLib's top-k metrics, issue 12 §4): precision
 * among the top k %, and BR@K / WR@K, the best and worst true rank among the K architectures the
 * proxy puts first.
 *
 * <p>Inputs are paired arrays of one length n: {@code scores} (the proxy's, compared in the
 * direction {@code higherIsBetter}; no NaN, while ±∞ order as usual, which is how
 * {@link DegenerateScores#WORST} places degenerate scores) and {@code accuracies} (ground truth,
 * higher is better, finite). {@link RankingMetrics} applies the policy first. The
 * proxy's order breaks ties in score by position in the arrays; true ranks are competition
 * ranks: 1 + the number of architectures strictly more accurate (so tied accuracies share the
 * better rank).
 */
public final class TopK {

    private TopK() {}

    /**
     * The number of architectures in the top {@code percent} % of {@code n}: ⌈n·percent/100⌉,
     * at least 1 (for n ≥ 1).
     *
     * @throws IllegalArgumentException if percent is not in 1..100 or n is negative
     */
    public static int count(int n, int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("top-k percent must be in 1..100, got " + percent);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return n == 0 ? 0 : Math.max(1, (n * percent + 99) / 100);
    }

    /**
     * Precision among the top {@code percent} %: with m = {@link #count(int, int)}, the fraction of
     * the proxy's first m architectures whose accuracy is at least the m-th best accuracy (that is,
     * that belong to the true top m, ties at the boundary included). 1 is perfect; a random
     * ranking expects about m/n. NaN for n = 0.
     *
     * @throws IllegalArgumentException for arrays of different lengths, a NaN score, a non-finite accuracy or a bad percent
     */
    public static double precisionAtTopPercent(double[] scores, double[] accuracies, boolean higherIsBetter, int percent) {
        check(scores, accuracies);
        int n = scores.length;
        int m = count(n, percent);
        if (m == 0) {
            return Double.NaN;
        }
        double[] sortedAcc = accuracies.clone();
        Arrays.sort(sortedAcc);
        double threshold = sortedAcc[n - m];
        Integer[] order = predictedOrder(scores, higherIsBetter);
        int hits = 0;
        for (int i = 0; i < m; i++) {
            if (accuracies[order[i]] >= threshold) {
                hits++;
            }
        }
        return hits / (double) m;
    }

    /**
     * BR@K: the best true rank (1 = the most accurate of the n) among the proxy's first
     * {@code k} architectures (k is clamped to n). Smaller is better; 1 means the proxy's top K
     * contains the best architecture. 0 for n = 0.
     *
     * @throws IllegalArgumentException for arrays of different lengths, a NaN score, a non-finite accuracy or k &lt; 1
     */
    public static int bestRankAtK(double[] scores, double[] accuracies, boolean higherIsBetter, int k) {
        int[] ranks = trueRanksOfTopK(scores, accuracies, higherIsBetter, k);
        return Arrays.stream(ranks).min().orElse(0);
    }

    /**
     * WR@K: the worst true rank among the proxy's first {@code k} architectures (k clamped to n);
     * n means the proxy's top K contains the least accurate. 0 for n = 0.
     *
     * @throws IllegalArgumentException for arrays of different lengths, a NaN score, a non-finite accuracy or k &lt; 1
     */
    public static int worstRankAtK(double[] scores, double[] accuracies, boolean higherIsBetter, int k) {
        int[] ranks = trueRanksOfTopK(scores, accuracies, higherIsBetter, k);
        return Arrays.stream(ranks).max().orElse(0);
    }

    private static int[] trueRanksOfTopK(double[] scores, double[] accuracies, boolean higherIsBetter, int k) {
        check(scores, accuracies);
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        int n = scores.length;
        Integer[] order = predictedOrder(scores, higherIsBetter);
        int[] ranks = new int[Math.min(k, n)];
        for (int i = 0; i < ranks.length; i++) {
            double a = accuracies[order[i]];
            int better = 0;
            for (double b : accuracies) {
                if (b > a) {
                    better++;
                }
            }
            ranks[i] = better + 1;
        }
        return ranks;
    }

    /** Indices from the proxy's best to its worst; ties in score keep array order. */
    static Integer[] predictedOrder(double[] scores, boolean higherIsBetter) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> scores[i]);
        Arrays.sort(idx, higherIsBetter ? byScore.reversed() : byScore); // stable: ties keep order
        return idx;
    }

    private static void check(double[] scores, double[] accuracies) {
        if (scores.length != accuracies.length) {
            throw new IllegalArgumentException("top-k metrics need equal lengths, got " + scores.length + " scores and "
                    + accuracies.length + " accuracies");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i]) || !Double.isFinite(accuracies[i])) {
                throw new IllegalArgumentException("top-k metrics need defined values; pair " + i + " is (" + scores[i] + ", "
                        + accuracies[i] + "): apply a DegenerateScores policy first (RankingMetrics does)");
            }
        }
    }
}
