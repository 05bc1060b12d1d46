package io.gennas4j.proxy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The thread policy of every scorer (issue 17): <b>a score is defined by its settings and seed
 * alone</b>, so every proxy trains and measures with the same number of PyTorch intra-op threads,
 * {@link #policy()} (default 1), in this process and in worker JVMs alike (and on any other
 * backend that runs the proxies). Parallelism comes only from running several scorers.
 *
 * <p>Why one thread: the count changes a score (reductions are summed in another order, and the
 * error compounds over a training run: up to 0.85 in a fast-preset loss of 4–7 between 2 threads
 * and 1), and two multi-threaded PyTorch processes on the same cores slow each other 5–30× (the
 * OpenMP threads spin at every barrier). README › Parallel scoring gives the measured throughput.
 *
 * <p>Deviation (named, documented): {@code GENNAS4J_INTRA_OP_THREADS=N} (or the system property
 * {@code gennas4j.intraOpThreads}) makes every scorer use N threads, e.g. to cut the latency of a
 * single costly architecture. The count is part of every score-cache key, so scores made under
 * another count are never mixed into a table.
 */
public final class IntraOpThreads {

    /** Environment variable overriding {@link #policy()}. */
    public static final String ENV = "GENNAS4J_INTRA_OP_THREADS";
    /** System property overriding {@link #policy()} (wins over the environment variable). */
    public static final String PROPERTY = "gennas4j.intraOpThreads";

    private IntraOpThreads() {}

    /**
     * The intra-op thread count every scorer uses: the system property, else the environment
     * variable, else 1.
     *
     * @throws IllegalArgumentException if the setting is not a positive integer
     */
    public static int policy() {
        String v = System.getProperty(PROPERTY);
        String from = "-D" + PROPERTY;
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
            from = ENV;
        }
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(from + "=" + v + " is not a thread count: set a positive integer (default 1)");
    }

    /**
     * Sets this JVM's PyTorch intra-op thread count to {@link #policy()} if it differs, and turns
     * autograd recording off on the calling thread; every proxy calls this before it scores (never
     * inside a gradient collector). Cheap (two native calls when both are already right).
     *
     * <p>Why the grad mode: PyTorch's grad mode is thread-local and <em>on</em> in a fresh thread;
     * DJL turns it off only on the thread that loaded the engine, and a {@code GradientCollector}
     * restores it on close to what it found. A proxy called from any other thread (a Spark task
     * thread, a notebook kernel's cell thread, a user's executor) would otherwise record a graph
     * for every forward pass and fail its in-place weight updates with "a leaf Variable that
     * requires grad is being used in an in-place operation".
     */
    public static void apply() {
        int want = policy();
        if (get() != want) {
            set(want);
        }
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Sets this JVM's PyTorch intra-op thread count for work outside the proxies; the next
     * proxy call resets it to {@link #policy()} (use the property to change the policy).
     */
    public static void set(int threads) {
        Engine.getEngine("PyTorch"); // make sure the native library is loaded
        JniUtils.setNumThreads(threads);
    }

    /** This JVM's current PyTorch intra-op thread count. */
    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
