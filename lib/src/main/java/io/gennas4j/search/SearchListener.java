package io.gennas4j.search;

import java.util.Locale;

/** Told after every evaluation of a search (progress lines, live plots). */
@FunctionalInterface
public interface SearchListener {

    /**
     * @param step the evaluation just made
     * @param total evaluations the search will make
     * @param elapsedSeconds wall time since the search started
     */
    void onStep(SearchStep<?> step, int total, double elapsedSeconds);

    static SearchListener silent() {
        return (s, total, elapsed) -> {};
    }

    /** A line about every {@code everySeconds} seconds and at the end: step, best fitness, ETA. */
    static SearchListener console(double everySeconds) {
        return new SearchListener() {
            private double last = Double.NEGATIVE_INFINITY;

            @Override
            public void onStep(SearchStep<?> s, int total, double elapsed) {
                if (elapsed < last) {
                    last = Double.NEGATIVE_INFINITY; // a new search with the same listener
                }
                if (s.step() < total && elapsed - last < everySeconds) {
                    return;
                }
                last = elapsed;
                double per = elapsed / s.step();
                System.out.printf(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d] best %.4f (step %d), %.2f s/eval, elapsed %.0f s, ETA %.0f s%n",
                        s.step(), total, s.bestFitness(), s.bestStep(), per, elapsed, per * (total - s.step()));
                System.out.flush();
            }
        };
    }
}
