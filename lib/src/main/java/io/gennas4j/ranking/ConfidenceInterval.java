package io.gennas4j.ranking;

/**
 * A two-sided confidence interval, e.g. the bootstrap 95 % interval of Spearman ρ.
 *
 * @param low lower end (NaN when undefined, e.g. for fewer than 3 pairs)
 * @param high upper end, {@code >= low} (NaN when undefined)
 * @param level coverage, e.g. 0.95
 */
public record ConfidenceInterval(double low, double high, double level) {

    /** An interval that could not be computed. */
    public static ConfidenceInterval undefined(double level) {
        return new ConfidenceInterval(Double.NaN, Double.NaN, level);
    }

    /** Whether both ends are numbers. */
    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** {@code high − low} (NaN when undefined). */
    public double width() {
        return high - low;
    }

    /** Whether {@code low <= v <= high}. */
    public boolean contains(double v) {
        return low <= v && v <= high;
    }

    /**
     * The image of this interval under |·|, the interval of an absolute value such as |ρ|:
     * [min(|low|, |high|), max(|low|, |high|)], or [0, max] when the interval contains 0.
     */
    public ConfidenceInterval abs() {
        if (!defined()) {
            return this;
        }
        double a = Math.abs(low);
        double b = Math.abs(high);
        double lo = contains(0) ? 0 : Math.min(a, b);
        return new ConfidenceInterval(lo, Math.max(a, b), level);
    }

    /** {@code [low, high]} with 3 decimals. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", low, high);
    }
}
