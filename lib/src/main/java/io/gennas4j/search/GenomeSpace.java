package io.gennas4j.search;

import java.util.Random;

/**
 * What an evolutionary search varies: how to draw a genome at random, mutate one, and write it as
 * a canonical text (the key under which its fitness is cached, and the column of the history).
 * A new kind of search (architectures, proxy tasks, DPS settings) is one implementation.
 *
 * @param <G> the genome type; immutable values
 */
public interface GenomeSpace<G> {

    /** A short name for tables and the fitness cache ({@code nb201}, {@code task}, …). */
    String name();

    /** Draws a genome at random; must use only {@code rng} so that a seeded search replays. */
    G random(Random rng);

    /** A mutated child of {@code parent}; must use only {@code rng}. */
    G mutate(G parent, Random rng);

    /** The canonical encoding: equal genomes give equal text. */
    String encode(G genome);
}
