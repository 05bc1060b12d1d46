package io.gennas4j.search;

import io.gennas4j.space.Architecture;
import java.util.Map;

/**
 * One end-to-end search: the method, its seed, its history, and the chosen architecture's
 * benchmark accuracies (read after the search).
 *
 * @param method the method
 * @param space the search space's name
 * @param seed the search seed
 * @param history every evaluation of the search (for a two-fidelity method: the screening stage)
 * @param refine the two-fidelity refinement (the best few re-scored at a costlier protocol), or
 *     null
 * @param chosenAccuracy accuracy (%) of the chosen architecture per test target
 *     ({@code cifar10_test}, …)
 * @param curves best-so-far accuracy (%) of the architecture the method would choose if stopped
 *     after each evaluation (refinement evaluations included), per test target
 */
public record NasSearchResult(SearchMethod method, String space, long seed, SearchHistory<Architecture> history,
        SearchHistory<Architecture> refine, Map<String, Double> chosenAccuracy, Map<String, double[]> curves) {

    /** The chosen architecture: the best of the refinement if there is one, else of the search. */
    public Architecture chosen() {
        return refine != null ? refine.chosen() : history.chosen();
    }

    /** The chosen architecture's fitness (refinement fitness for a two-fidelity method). */
    public SearchStep<Architecture> chosenStep() {
        return refine != null ? refine.best() : history.best();
    }

    /** Evaluations, refinement included. */
    public int evaluations() {
        return history.evaluations() + (refine == null ? 0 : refine.evaluations());
    }

    /** Cumulative cost after each evaluation, refinement included (see {@link SearchHistory#totalSeconds()}). */
    public double[] cumulativeSeconds() {
        double[] a = history.cumulativeSeconds();
        if (refine == null) {
            return a;
        }
        double[] b = refine.cumulativeSeconds();
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        double base = a.length == 0 ? 0 : a[a.length - 1];
        for (int i = 0; i < b.length; i++) {
            c[a.length + i] = base + b[i];
        }
        return c;
    }

    /** The search's cost in seconds: its evaluations, refinement included (oracle evaluations cost 0). */
    public double searchSeconds() {
        double[] c = cumulativeSeconds();
        return c.length == 0 ? 0 : c[c.length - 1];
    }

    /** Wall time of the run (less than the cost when evaluations came from the cache). */
    public double wallSeconds() {
        return history.wallSeconds() + (refine == null ? 0 : refine.wallSeconds());
    }
}
