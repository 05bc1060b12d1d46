package io.gennas4j.space.nb201;

import io.gennas4j.space.InvalidArchitectureException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The five NAS-Bench-201 edge operations, in the benchmark's index order. */
public enum Nb201Op {
    NONE("none"),
    SKIP_CONNECT("skip_connect"),
    NOR_CONV_1X1("nor_conv_1x1"),
    NOR_CONV_3X3("nor_conv_3x3"),
    AVG_POOL_3X3("avg_pool_3x3");

    private final String label;

    Nb201Op(String label) {
        this.label = label;
    }

    /** The name used in arch strings. */
    public String label() {
        return label;
    }

    public static Nb201Op fromLabel(String label) {
        for (Nb201Op op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new InvalidArchitectureException(
                "Unknown NAS-Bench-201 operation '" + label + "'. Expected one of: "
                        + Arrays.stream(values()).map(Nb201Op::label).collect(Collectors.joining(", ")));
    }
}
