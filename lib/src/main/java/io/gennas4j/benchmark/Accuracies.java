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
}
