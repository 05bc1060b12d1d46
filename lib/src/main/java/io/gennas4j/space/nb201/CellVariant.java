package io.gennas4j.space.nb201;

/**
 * Which definition of the NAS-Bench-201 convolution edge to build.
 *
 * <ul>
 *   <li>{@link #ZERO_COST}: the variant GenNAS and the zero-cost-proxy code use (spec §3.1):
 *       conv with bias, then BatchNorm without affine parameters and without running statistics.
 *       Default for every proxy.
 *   <li>{@link #BENCHMARK}: the network NAS-Bench-201 trained: conv without bias, then an affine
 *       BatchNorm with running statistics. Use it to compare parameter counts with the benchmark.
 * </ul>
 */
public enum CellVariant {
    ZERO_COST,
    BENCHMARK
}
