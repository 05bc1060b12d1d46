package io.gennas4j.ranking;

/**
 * Rank agreement between scores and ground truth.
 *
 * @param label what was compared (e.g. {@code CIFAR-10 test})
 * @param n pairs used
 * @param spearman Spearman ρ (signed)
 * @param kendall Kendall τ-b (signed)
 */
public record Correlation(String label, int n, double spearman, double kendall) {

    /** |ρ|, how the papers report it. */
    public double absSpearman() {
        return Math.abs(spearman);
    }

    public double absKendall() {
        return Math.abs(kendall);
    }
}
