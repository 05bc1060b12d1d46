package io.gennas4j.space.nb101;

import io.gennas4j.space.InvalidArchitectureException;

/** The three NAS-Bench-101 interior operations, in the benchmark's {@code available_ops} order. */
public enum Nb101Op {
    CONV3X3("conv3x3-bn-relu"),
    CONV1X1("conv1x1-bn-relu"),
    MAXPOOL3X3("maxpool3x3");

    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private final String label;

    Nb101Op(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Nb101Op fromLabel(String label) {
        for (Nb101Op op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new InvalidArchitectureException("Unknown NAS-Bench-101 operation '" + label
                + "'. Interior vertices take conv3x3-bn-relu, conv1x1-bn-relu or maxpool3x3; the first is input, the last output");
    }
}
