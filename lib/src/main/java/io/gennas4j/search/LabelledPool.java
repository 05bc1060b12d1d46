package io.gennas4j.search;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.SearchSpace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Architectures restricted to a labelled pool: for a space whose shared ground truth covers only
 * part of it (NAS-Bench-101: 2,500 of 423,624 cells), a search must stay where accuracies are
 * known. Named deviation from GenNAS §5, which searches the whole space:
 *
 * <ul>
 *   <li>{@link #random} draws a pool member uniformly;
 *   <li>{@link #mutate} applies the space's own mutation and redraws it until the child is in the
 *       pool, at most {@code maxTries} times; after that it returns a uniform pool member (the
 *       pool is sparse: a NAS-Bench-101 mutation lands in the 2,500 cells rarely).
 * </ul>
 *
 * @param <A> the architecture type
 */
public final class LabelledPool<A extends Architecture> implements GenomeSpace<A> {

    /** Mutation redraws before falling back to a random pool member. */
    public static final int DEFAULT_MAX_TRIES = 200;

    private final SearchSpace<A> space;
    private final List<A> pool;
    private final Function<A, String> identity;
    private final Map<String, A> byIdentity = new HashMap<>();
    private final int maxTries;
    private int fallbacks;

    /**
     * @param identity what makes two architectures the same (NAS-Bench-101: the graph hash, so
     *     isomorphic cells match)
     * @throws IllegalArgumentException for an empty pool
     */
    public LabelledPool(SearchSpace<A> space, List<A> pool, Function<A, String> identity, int maxTries) {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be >= 1, got " + maxTries);
        }
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("A labelled pool needs at least one architecture");
        }
        this.space = space;
        this.pool = List.copyOf(pool);
        this.identity = identity;
        this.maxTries = maxTries;
        for (A a : pool) {
            byIdentity.putIfAbsent(identity.apply(a), a);
        }
    }

    @Override
    public String name() {
        return space.name() + "-pool" + pool.size();
    }

    public int size() {
        return pool.size();
    }

    public boolean contains(A arch) {
        return byIdentity.containsKey(identity.apply(arch));
    }

    /** How often a mutation fell back to a random pool member so far. */
    public int fallbacks() {
        return fallbacks;
    }

    @Override
    public A random(Random rng) {
        return pool.get(rng.nextInt(pool.size()));
    }

    @Override
    public A mutate(A parent, Random rng) {
        for (int t = 0; t < maxTries; t++) {
            A child = byIdentity.get(identity.apply(space.mutate(parent, rng)));
            if (child != null) {
                return child; // the pool's own member, so encodings (and cache keys) are the pool's
            }
        }
        fallbacks++;
        return random(rng);
    }

    @Override
    public String encode(A genome) {
        return genome.encoding();
    }
}
