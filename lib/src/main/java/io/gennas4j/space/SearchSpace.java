package io.gennas4j.space;

import java.util.Random;

/**
 * A family of architectures: how to parse and print them, draw them at random, mutate them, and
 * turn one into a network. A new search space is one new implementation of this interface plus a
 * line in {@link SearchSpaces}.
 *
 * @param <A> the architecture type
 */
public interface SearchSpace<A extends Architecture> {

    /** The short name used in settings, tables and the score cache (e.g. {@code nb201}). */
    String name();

    /**
     * Parses an architecture encoding.
     *
     * @throws InvalidArchitectureException naming what is wrong and the expected form
     */
    A parse(String encoding);

    /** Draws an architecture uniformly at random. */
    A sample(Random rng);

    /** Returns a mutated child of {@code parent} (the paper's mutation for this space). */
    A mutate(A parent, Random rng);

    /** The network size the papers' proxy uses for this space. */
    NetworkSize defaultProxySize();

    /** The network size the benchmark trained (what the zero-cost baselines score by default). */
    default NetworkSize benchmarkSize() {
        return defaultProxySize();
    }
}
