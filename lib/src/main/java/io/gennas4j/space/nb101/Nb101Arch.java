package io.gennas4j.space.nb101;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;

/**
 * A valid NAS-Bench-101 cell, held pruned. Its encoding is {@code <row-major matrix>;<ops>}, e.g.
 * {@code 0110000...;input|conv3x3-bn-relu|...|output}; its identity in the benchmark is
 * {@link #hash()}.
 *
 * @param spec the pruned spec
 */
public record Nb101Arch(Nb101Spec spec) implements Architecture {

    public Nb101Arch {
        spec = spec.validated();
    }

    /** Parses {@code <row-major 0/1 matrix>;<|-joined ops>}; prunes and validates. */
    public static Nb101Arch parse(String encoding) {
        String[] parts = encoding == null ? new String[0] : encoding.split(";");
        if (parts.length != 2) {
            throw new InvalidArchitectureException("Malformed NAS-Bench-101 encoding '" + encoding
                    + "': expected '<row-major 0/1 matrix>;<ops joined by |>', e.g. '0110...;input|conv3x3-bn-relu|...|output'");
        }
        return new Nb101Arch(Nb101Spec.parse(parts[0], parts[1]));
    }

    /** The benchmark's graph hash (as in {@code nb101_2500.csv}). */
    public String hash() {
        return spec.hash();
    }

    @Override
    public Nb101Space space() {
        return Nb101Space.INSTANCE;
    }

    @Override
    public String encoding() {
        return spec.toString();
    }

    @Override
    public StageNetwork network(NetworkSize size, int numClasses) {
        return Nb101Network.builder().setArchitecture(this).setSize(size).optClassifier(numClasses).build();
    }

    @Override
    public String toString() {
        return encoding();
    }
}
