package io.gennas4j.search;

/**
 * One fitness evaluation.
 *
 * @param value the fitness; NaN when the evaluation failed (then it ranks last)
 * @param seconds what computing it cost (for a cached value: the seconds recorded when it was
 *     computed, so a replayed search reports the same cost)
 * @param source {@code scored} (computed now), {@code cache} (read from the score cache),
 *     {@code repeat} (a genome this search evaluated before) or {@code benchmark} (the oracle)
 * @param error why it failed, or null
 */
public record Evaluation(double value, double seconds, String source, String error) {

    public static Evaluation scored(double value, double seconds) {
        return new Evaluation(value, seconds, "scored", null);
    }

    public boolean ok() {
        return error == null && !Double.isNaN(value);
    }
}
