package io.gennas4j.space.nb201;

import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * NAS-Bench-201: 5^6 = 15,625 cells over five operations (spec §3.1). Two instances that differ
 * only in the networks they build ({@link ZeroNodeOps}): {@link #INSTANCE} ({@code nb201}, every
 * operation runs, as the benchmark trained them) and {@link #FUNCTIONAL} ({@code nb201-functional},
 * operations fed by an all-zero node pruned).
 */
public final class Nb201Space implements SearchSpace<Nb201Arch> {

    /** {@code nb201}: the benchmark's networks (every operation runs). */
    public static final Nb201Space INSTANCE = new Nb201Space("nb201", ZeroNodeOps.RUN);
    /** {@code nb201-functional}: operations fed by an all-zero node pruned (the functional view). */
    public static final Nb201Space FUNCTIONAL = new Nb201Space("nb201-functional", ZeroNodeOps.PRUNE);
    public static final int SIZE = 15_625;
    /** Isomorphism classes of the 15,625 cells under NATS-Bench's unique string ({@link Nb201Arch#canonical()}). */
    public static final int CLASSES = 6_466;

    /** Probability with which the paper's mutation redraws each edge (code divides by 5 nodes). */
    public static final double EDGE_MUTATION_RATE = 1.0 / 5.0;

    private final String name;
    private final ZeroNodeOps zeroNodeOps;

    private Nb201Space(String name, ZeroNodeOps zeroNodeOps) {
        this.name = name;
        this.zeroNodeOps = zeroNodeOps;
    }

    @Override
    public String name() {
        return name;
    }

    /** How this space's networks treat operations fed by an all-zero node. */
    public ZeroNodeOps zeroNodeOps() {
        return zeroNodeOps;
    }

    /** This space's version of {@code arch} (same cell, this space's {@link ZeroNodeOps}). */
    public Nb201Arch of(Nb201Arch arch) {
        return arch.withZeroNodeOps(zeroNodeOps);
    }

    @Override
    public Nb201Arch parse(String encoding) {
        return of(Nb201Arch.parse(encoding));
    }

    @Override
    public Nb201Arch sample(Random rng) {
        return of(Nb201Arch.fromCode(rng.nextInt(SIZE)));
    }

    /**
     * An option for samples without duplicate networks: {@code count} architectures drawn as
     * {@link #sample(Random)} draws, skipping any whose isomorphism class
     * ({@link Nb201Arch#canonical()}) was already drawn. The space has 6,466 classes.
     *
     * @throws IllegalArgumentException if count is negative or more than 6,466
     */
    public List<Nb201Arch> sampleDistinctClasses(int count, Random rng) {
        if (count < 0 || count > CLASSES) {
            throw new IllegalArgumentException("NAS-Bench-201 has " + CLASSES + " isomorphism classes; cannot draw " + count);
        }
        List<Nb201Arch> out = new ArrayList<>(count);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (out.size() < count) {
            Nb201Arch a = sample(rng);
            if (seen.add(a.canonical())) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The first architecture of each isomorphism class ({@link Nb201Arch#canonical()}), in the
     * list's order: an option to deduplicate a sample or a search history.
     */
    public static List<Nb201Arch> distinctClasses(List<Nb201Arch> archs) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return archs.stream().filter(a -> seen.add(a.canonical())).toList();
    }

    /**
     * GenNAS's NAS-Bench-201 mutation (spec §5): each of the six edges is redrawn uniformly over
     * the five operations with probability 1/5 (a redraw may keep the same operation).
     */
    @Override
    public Nb201Arch mutate(Nb201Arch parent, Random rng) {
        List<Nb201Op> ops = new ArrayList<>(parent.ops());
        for (int e = 0; e < ops.size(); e++) {
            if (rng.nextDouble() < EDGE_MUTATION_RATE) {
                ops.set(e, Nb201Op.values()[rng.nextInt(5)]);
            }
        }
        return new Nb201Arch(ops, zeroNodeOps);
    }

    /** GenNAS scores NAS-Bench-201 at the benchmark's full size: C=16, 5 cells per stage. */
    @Override
    public NetworkSize defaultProxySize() {
        return new NetworkSize(16, 5);
    }

    @Override
    public String toString() {
        return name();
    }
}
