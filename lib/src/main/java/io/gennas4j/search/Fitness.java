package io.gennas4j.search;

import java.util.List;
import java.util.Map;

/**
 * The objective of a search. Evaluates genomes in batches so that an implementation can score
 * them in parallel (the initial population, random search); the engine never reads anything but
 * the returned values, so a search is reproducible from its seed as long as the values are.
 *
 * @param <G> the genome type
 */
public interface Fitness<G> extends AutoCloseable {

    /** A short name for tables ({@code gennas}, {@code naswot}, {@code oracle cifar10_valid}). */
    String name();

    /** Whether a higher value is better (false for the GenNAS loss). */
    boolean higherIsBetter();

    /** Every setting that changes the values (provenance and cache keys). */
    Map<String, String> settings();

    /**
     * Evaluates {@code genomes}, returning one evaluation per genome in the same order. A genome
     * that cannot be evaluated comes back with NaN and its error, never as an exception; an
     * exception means the whole search must stop (interruption, a lost worker pool), and what was
     * evaluated before it is kept by the implementation's cache.
     */
    List<Evaluation> evaluate(List<G> genomes);

    /** True when {@code a} is strictly better than {@code b}; NaN is worse than any number. */
    default boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter() ? a > b : a < b;
    }

    @Override
    default void close() {}
}
