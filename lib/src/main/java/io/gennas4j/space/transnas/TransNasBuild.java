package io.gennas4j.space.transnas;

/**
 * How a TransNAS-Bench-101 code becomes a network (spec transnas-eproxy.md A.2–A.3).
 */
public enum TransNasBuild {
    /**
     * As the benchmark trained it ([T] {@code MacroNet}, structure {@code backbone}): the code as
     * written, Kaiming-normal convolution weights (fan_out, ReLU gain: std √(2/(C_out·k·k))).
     */
    BENCHMARK,
    /**
     * As Eproxy (GenNAS-Zero {@code BackboneTrans}) builds it for its proxy, and what every proxy
     * of gennas4j scores by default: every {@code 41414} in the code replaced by {@code 41412}
     * (the fifth micro module doubles its width without a stride, so the last map at 32×32 input
     * is 2×2, not 1×1), PyTorch's default initialisation. As released, the substitution applies
     * to the whole code, so five macro codes are built as other macro architectures
     * ({@link TransNasArch#builtCode(TransNasBuild)}); their labels stay with the original code.
     */
    EPROXY
}
