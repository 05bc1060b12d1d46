package io.gennas4j.running;

import io.gennas4j.proxy.ProxyScore;

/** Told after each architecture is scored. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param done architectures finished so far (including reused ones)
     * @param total architectures in the run
     * @param score the one just finished
     * @param elapsedSeconds wall time since the run started
     */
    void onScore(int done, int total, ProxyScore score, double elapsedSeconds);

    /** No output. */
    static ProgressListener silent() {
        return (done, total, score, elapsed) -> {};
    }

    /** A line on standard output about every {@code everySeconds} seconds, and at the end. */
    static ProgressListener console(double everySeconds) {
        return new ConsoleProgress(everySeconds);
    }
}
