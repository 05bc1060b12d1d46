package io.gennas4j.search;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.SearchSpace;
import java.util.Random;

/**
 * A search space's architectures as genomes: uniform sampling and the space's own mutation (spec
 * §5: NAS-Bench-201 redraws each edge with probability 1/5; NAS-Bench-101 uses the reference
 * {@code mutate_spec}).
 *
 * @param <A> the architecture type
 */
public record ArchitectureGenomes<A extends Architecture>(SearchSpace<A> space) implements GenomeSpace<A> {

    public static <A extends Architecture> ArchitectureGenomes<A> of(SearchSpace<A> space) {
        return new ArchitectureGenomes<>(space);
    }

    @Override
    public String name() {
        return space.name();
    }

    @Override
    public A random(Random rng) {
        return space.sample(rng);
    }

    @Override
    public A mutate(A parent, Random rng) {
        return space.mutate(parent, rng);
    }

    @Override
    public String encode(A genome) {
        return genome.encoding();
    }
}
