package io.gennas4j.space.nb101;

import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** NAS-Bench-101 (spec §3.2): cells of at most 7 vertices and 9 edges over three operations. */
public final class Nb101Space implements SearchSpace<Nb101Arch> {

    public static final Nb101Space INSTANCE = new Nb101Space();

    private Nb101Space() {}

    @Override
    public String name() {
        return "nb101";
    }

    @Override
    public Nb101Arch parse(String encoding) {
        return Nb101Arch.parse(encoding);
    }

    /**
     * The reference generator: a 7×7 matrix with U{0,1} entries, strictly upper-triangular,
     * uniform interior operations, redrawn until the cell is valid.
     */
    @Override
    public Nb101Arch sample(Random rng) {
        while (true) {
            int[][] m = new int[7][7];
            for (int i = 0; i < 7; i++) {
                for (int j = i + 1; j < 7; j++) {
                    m[i][j] = rng.nextInt(2);
                }
            }
            List<String> ops = new ArrayList<>();
            ops.add(Nb101Op.INPUT);
            for (int v = 1; v < 6; v++) {
                ops.add(Nb101Op.values()[rng.nextInt(3)].label());
            }
            ops.add(Nb101Op.OUTPUT);
            Nb101Spec s = Nb101Spec.of(m, ops);
            if (s.isValid()) {
                return new Nb101Arch(s);
            }
        }
    }

    /**
     * The reference mutation with rate 1 ({@code nb101_generator.mutate_spec}) on a 7-vertex
     * matrix: each upper-triangular entry flips with probability 1/7, each interior operation
     * changes to a different one with probability 1/5; redrawn until valid and different from the
     * parent. Cells are held pruned, so the parent is first padded back to 7 vertices with
     * unconnected interior vertices of random operations (what pruning removed), as the reference
     * mutates the unpruned matrix.
     */
    @Override
    public Nb101Arch mutate(Nb101Arch parent, Random rng) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            Nb101Spec p = padded(parent.spec(), rng);
            int[][] m = p.matrix();
            for (int i = 0; i < 7; i++) {
                for (int j = i + 1; j < 7; j++) {
                    if (rng.nextDouble() < 1.0 / 7) {
                        m[i][j] = 1 - m[i][j];
                    }
                }
            }
            List<String> ops = new ArrayList<>(p.ops());
            for (int v = 1; v < 6; v++) {
                if (rng.nextDouble() < 1.0 / 5) {
                    Nb101Op current = Nb101Op.fromLabel(ops.get(v));
                    ops.set(v, Nb101Op.values()[(current.ordinal() + 1 + rng.nextInt(2)) % 3].label());
                }
            }
            Nb101Spec s = Nb101Spec.of(m, ops);
            if (s.isValid()) {
                Nb101Arch child = new Nb101Arch(s);
                if (!child.hash().equals(parent.hash())) {
                    return child;
                }
            }
        }
        throw new IllegalStateException("No valid mutation of " + parent + " found in 100,000 draws");
    }

    /** The pruned spec embedded in 7 vertices: extra interior vertices without edges, before the output. */
    static Nb101Spec padded(Nb101Spec spec, Random rng) {
        int n = spec.vertices();
        if (n >= 7) {
            return spec;
        }
        int[][] src = spec.matrix();
        int[][] m = new int[7][7];
        for (int i = 0; i < n - 1; i++) {
            for (int j = 0; j < n - 1; j++) {
                m[i][j] = src[i][j];
            }
            m[i][6] = src[i][n - 1];
        }
        List<String> ops = new ArrayList<>(spec.ops().subList(0, n - 1));
        while (ops.size() < 6) {
            ops.add(Nb101Op.values()[rng.nextInt(3)].label());
        }
        ops.add(Nb101Op.OUTPUT);
        return Nb101Spec.of(m, ops);
    }

    /** GenNAS scores NAS-Bench-101 with stem C=16 (the benchmark trained C=128), 3 cells per stack. */
    @Override
    public NetworkSize defaultProxySize() {
        return new NetworkSize(16, 3);
    }

    /** NAS-Bench-101 trained its networks with a 128-channel stem and 3 cells per stack. */
    @Override
    public NetworkSize benchmarkSize() {
        return new NetworkSize(128, 3);
    }

    @Override
    public String toString() {
        return name();
    }
}
