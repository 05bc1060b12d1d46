package io.gennas4j.benchmark;

import io.gennas4j.space.Architecture;
import java.util.List;

/**
 * Ground truth a proxy is ranked against: one or more accuracy columns ("targets") of a
 * benchmark, looked up by architecture. NAS-Bench-201 has six (three datasets, test and
 * validation), the NAS-Bench-101 table one.
 */
public interface Accuracies {

    /** The search space the accuracies belong to ({@code nb201}, {@code nb101}). */
    String space();

    /** Target keys, e.g. {@code cifar10_test}; used in tables and {@code key=value} figures. */
    List<String> targets();

    /** A readable title for a target (e.g. {@code CIFAR-10 test}). */
    default String title(String target) {
        return target;
    }

    /**
     * The accuracy of {@code arch} for {@code target}.
     *
     * @throws IllegalArgumentException if the architecture or the target is not in the table
     */
    double accuracy(Architecture arch, String target);

    /** How a table looks an architecture's value up for a known target. */
    @FunctionalInterface
    interface Lookup {
        double accuracy(Architecture arch, String target);
    }

    /**
     * Ground truth from a lookup: {@link #accuracy} refuses a target outside {@code targets} (naming
     * them) before it asks {@code lookup}.
     *
     * @param title a target's readable title
     */
    static Accuracies of(String space, List<String> targets, java.util.function.Function<String, String> title, Lookup lookup) {
        List<String> known = List.copyOf(targets);
        return new Accuracies() {
            @Override
            public String space() {
                return space;
            }

            @Override
            public List<String> targets() {
                return known;
            }

            @Override
            public String title(String target) {
                return title.apply(target);
            }

            @Override
            public double accuracy(Architecture arch, String target) {
                if (!known.contains(target)) {
                    throw new IllegalArgumentException("Unknown " + space + " target '" + target + "': use one of " + known);
                }
                return lookup.accuracy(arch, target);
            }
        };
    }

    /**
     * {@code arch} as the table's architecture type.
     *
     * @throws IllegalArgumentException naming what it is not (e.g. "a NAS-Bench-101 cell")
     */
    static <A extends Architecture> A as(Architecture arch, Class<A> type, String what) {
        if (!type.isInstance(arch)) {
            throw new IllegalArgumentException(arch.encoding() + " is not " + what);
        }
        return type.cast(arch);
    }
}
