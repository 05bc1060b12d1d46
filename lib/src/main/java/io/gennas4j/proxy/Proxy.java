package io.gennas4j.proxy;

import io.gennas4j.space.Architecture;
import java.util.Map;

/**
 * Something that scores an untrained architecture cheaply. A new proxy is one implementation of
 * this interface.
 */
public interface Proxy extends AutoCloseable {

    /** Short name for tables ({@code gennas}, {@code synflow}, …). */
    String name();

    /** Scores one architecture. Never throws for a bad network: failures come back in the score. */
    ProxyScore score(Architecture arch);

    /** Whether a higher score predicts higher accuracy (false for losses). */
    boolean higherIsBetter();

    /** Every setting that changes the score, with its value, for provenance and caching. */
    Map<String, String> settings();

    /** The image file the proxy reads its input from, if any (worker processes load it too). */
    default java.nio.file.Path imagesFile() {
        return null;
    }

    /**
     * For a proxy that leaks native memory per architecture (grasp): the scoring runner then
     * scores in a worker process replaced after this many architectures. 0: no isolation needed.
     */
    default int recycleWorkerAfter() {
        return 0;
    }

    @Override
    default void close() {}
}
