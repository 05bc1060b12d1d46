package io.gennas4j.space;

/**
 * One point of a search space. Implementations are immutable values: equal encodings mean equal
 * architectures.
 */
public interface Architecture {

    /** The search space this architecture belongs to. */
    SearchSpace<?> space();

    /** The canonical text encoding (for NAS-Bench-201 the {@code |op~0|+|...|} string). */
    String encoding();

    /** Builds a freshly initialisable network for this architecture (stage outputs only). */
    default StageNetwork network(NetworkSize size) {
        return network(size, 0);
    }

    /**
     * Builds a network with the benchmark's classifier top and {@code numClasses} outputs (0: no
     * classifier). Zero-cost baselines need the logits.
     */
    StageNetwork network(NetworkSize size, int numClasses);

    /**
     * This architecture's network with the benchmark's own layer definitions, for the benchmark's
     * parameter and FLOP counts (the {@code params} and {@code flops} baselines). Default:
     * {@link #network(NetworkSize, int)}; NAS-Bench-201 differs (its proxies' variant has conv
     * biases and non-affine BatchNorm; an {@code nb201-functional} cell keeps its pruning).
     */
    default StageNetwork benchmarkNetwork(NetworkSize size, int numClasses) {
        return network(size, numClasses);
    }
}
