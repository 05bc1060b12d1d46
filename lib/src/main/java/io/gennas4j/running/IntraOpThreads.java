package io.gennas4j.running;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's intra-op thread count for this JVM. Worker processes get theirs from
 * {@code -Dai.djl.pytorch.num_threads}; this sets the current process's, e.g. to compare a
 * single process with a pool at equal thread counts (the count can change the last bits of a
 * score, since reductions are summed in another order).
 */
public final class IntraOpThreads {

    private IntraOpThreads() {}

    public static void set(int threads) {
        Engine.getEngine("PyTorch"); // make sure the native library is loaded
        JniUtils.setNumThreads(threads);
    }

    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
