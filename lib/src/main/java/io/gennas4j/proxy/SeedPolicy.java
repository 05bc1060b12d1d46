package io.gennas4j.proxy;

/**
 * How the random stream (weight initialisation, input noise) is seeded across architectures.
 *
 * <ul>
 *   <li>{@link #PER_ARCHITECTURE} (default, a documented deviation): reseed from (seed,
 *       architecture) before each one, so a score does not depend on which architectures were
 *       scored before it. Makes scores reproducible one by one, cacheable and parallelisable.
 *   <li>{@link #SEQUENTIAL}: the reference code's behaviour: seed once, then every architecture
 *       continues the same stream, so scores depend on the order of evaluation.
 * </ul>
 * Either way each architecture gets its own initial weights and noise; the distribution is the same.
 */
public enum SeedPolicy {
    PER_ARCHITECTURE,
    SEQUENTIAL;

    /** Seed for one architecture under {@link #PER_ARCHITECTURE}: stable across JVMs and runs. */
    public static int architectureSeed(long seed, String encoding) {
        return (int) (seed * 1_000_003L + encoding.hashCode());
    }
}
