package io.gennas4j.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second stage of a two-fidelity search: the {@code k} best distinct genomes of a cheap
 * (screening) search are evaluated again with a costlier, more faithful fitness, and the chosen
 * genome is the best of those. A named variant beside the plain search (the issue's
 * {@code rea-gennas-2f}), for a screening proxy whose ranking is good overall but noisy among the
 * very best; the refinement's cost is counted with the search's.
 */
public final class TwoFidelity {

    public static final String METHOD = "refine top-k";

    private TwoFidelity() {}

    /**
     * The {@code k} best distinct genomes of {@code screen} by its own fitness, best first (ties:
     * the earlier evaluation first); failed evaluations are never among them.
     */
    public static <G> List<G> top(SearchHistory<G> screen, int k) {
        Map<String, SearchStep<G>> firstByGenome = new LinkedHashMap<>();
        for (SearchStep<G> s : screen.steps()) {
            if (!Double.isNaN(s.fitness())) {
                firstByGenome.putIfAbsent(s.encoding(), s);
            }
        }
        Comparator<SearchStep<G>> byFitness = Comparator.comparingDouble(SearchStep::fitness);
        if (screen.higherIsBetter()) {
            byFitness = byFitness.reversed();
        }
        List<SearchStep<G>> ranked = new ArrayList<>(firstByGenome.values());
        ranked.sort(byFitness.thenComparingInt(SearchStep::step));
        List<G> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            out.add(ranked.get(i).genome());
        }
        return out;
    }

    /**
     * Evaluates the {@code k} best genomes of {@code screen} with {@code refined}; the returned
     * history's {@link SearchHistory#chosen()} is the two-fidelity search's choice.
     *
     * @throws IllegalArgumentException for {@code k < 1}
     */
    public static <G> SearchHistory<G> refine(SearchHistory<G> screen, GenomeSpace<G> genomes, Fitness<G> refined, int k,
            SearchListener listener) {
        if (k < 1) {
            throw new IllegalArgumentException("the refinement needs k >= 1 genomes, got " + k);
        }
        List<G> best = top(screen, k);
        if (best.isEmpty()) {
            long failed = screen.steps().stream().filter(s -> Double.isNaN(s.fitness())).count();
            String first = screen.steps().stream().map(s -> s.evaluation().error()).filter(java.util.Objects::nonNull).findFirst().orElse("none");
            throw new IllegalStateException("No successful screening evaluation to refine (" + failed + " of "
                    + screen.evaluations() + " failed; first error: " + first + ")");
        }
        HistoryRecorder<G> rec = new HistoryRecorder<>(genomes, refined, listener, best.size());
        rec.evaluate(best, "refine");
        return rec.history(METHOD);
    }
}
