package io.gennas4j.space.transnas;

/**
 * The four operations on a TransNAS-Bench-101 micro-cell edge, with the benchmark's ids (spec
 * transnas-eproxy.md A.1.3; NASLib's graph numbering differs and is never used here).
 */
public enum TransNasOp {
    /** id 0: an all-zero map of the edge's output shape. */
    ZERO("none"),
    /** id 1: identity, or FactorizedReduce where the stride or the width changes. */
    SKIP("skip_connect"),
    /** id 2: ReLU → Conv1×1 → BN. */
    CONV_1X1("nor_conv_1x1"),
    /** id 3: ReLU → Conv3×3 → BN. */
    CONV_3X3("nor_conv_3x3");

    private final String label;

    TransNasOp(String label) {
        this.label = label;
    }

    /** The benchmark's id (0–3), the digit in a cell code. */
    public int id() {
        return ordinal();
    }

    /** The operation's usual name (NAS-Bench-201 style). */
    public String label() {
        return label;
    }

    /** The operation with benchmark id {@code id}. */
    public static TransNasOp ofId(int id) {
        if (id < 0 || id > 3) {
            throw new IllegalArgumentException("TransNAS-Bench-101 op ids are 0 (zero), 1 (skip), 2 (conv1x1) and 3 (conv3x3), got " + id);
        }
        return values()[id];
    }
}
