package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.types.DataType;

/**
 * One zero-cost measure (spec §6): a number computed from an untrained network and at most one
 * batch of labelled images, larger predicting higher accuracy. A new measure is one implementation
 * of this interface plus a line in {@link ZeroCostMeasures}.
 */
public interface ZeroCostMeasure {

    /** Short name, as the reference code names it ({@code synflow}, {@code jacob_cov}, …). */
    String name();

    /**
     * Computes the measure on a freshly initialised network.
     *
     * @return the network score; NaN when it is undefined for this network (for example a
     *     correlation matrix of constant rows); rankings treat a non-finite score as degenerate
     *     ({@code io.gennas4j.ranking.DegenerateScores}: ranked worst by default)
     */
    double compute(ZeroCostContext ctx);

    /** Whether BatchNorm runs (false: every BN is the identity, as for synflow). */
    default boolean batchNorm() {
        return true;
    }

    /** Precision of the network and input (synflow uses float64). */
    default DataType dataType() {
        return DataType.FLOAT32;
    }

    /** Images per batch when the user does not set one (the reference code's NAS-Bench-201 value). */
    default int defaultBatchSize() {
        return 64;
    }

    /**
     * For a measure that leaks native memory per network: score it in a worker process replaced
     * after this many architectures (0: in-process is fine).
     */
    default int recycleAfter() {
        return 0;
    }

    /**
     * Whether the measure is computed on the network as the benchmark trained it
     * ({@code Architecture.benchmarkNetwork}) rather than the proxies' variant: params and flops,
     * so that they equal the benchmark's own counts.
     */
    default boolean onBenchmarkNetwork() {
        return false;
    }

    /** Whether the measure reads the images and labels at all (synflow, params, FLOPs do not). */
    default boolean usesData() {
        return true;
    }
}
