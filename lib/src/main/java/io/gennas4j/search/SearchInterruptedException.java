package io.gennas4j.search;

/** A search stopped before its last evaluation; what it evaluated is in the fitness's cache. */
public final class SearchInterruptedException extends RuntimeException {

    public SearchInterruptedException(String message) {
        super(message);
    }
}
