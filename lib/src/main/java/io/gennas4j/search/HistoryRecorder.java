package io.gennas4j.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends evaluations to a history, tracking the best so far; shared by the search methods. A
 * genome the search has already evaluated is not evaluated again: its earlier evaluation is reused
 * (source {@code repeat}), since the fitnesses here give one value per genome and seed; this saves
 * the retraining of unchanged children (about a third of NAS-Bench-201 mutations) even without a
 * cache, and is what {@link SearchHistory#totalSeconds()} counts.
 */
final class HistoryRecorder<G> {

    /** Genomes per fitness call: small enough for steady progress lines, large enough for a pool. */
    static final int CHUNK = 10;

    private final GenomeSpace<G> genomes;
    private final Fitness<G> fitness;
    private final SearchListener listener;
    private final int total;
    private final long start = System.nanoTime();
    private final List<SearchStep<G>> steps = new ArrayList<>();
    private final Map<String, Evaluation> seen = new HashMap<>();
    private int bestStep;
    private double bestFitness = Double.NaN;

    HistoryRecorder(GenomeSpace<G> genomes, Fitness<G> fitness, SearchListener listener, int total) {
        this.genomes = genomes;
        this.fitness = fitness;
        this.listener = listener;
        this.total = total;
    }

    /** Evaluates a batch (in chunks of {@value #CHUNK}) and records it; returns the evaluations in order. */
    List<Evaluation> evaluate(List<G> batch, String phase) {
        List<Evaluation> all = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += CHUNK) {
            all.addAll(evaluateChunk(batch.subList(from, Math.min(batch.size(), from + CHUNK)), phase));
        }
        return all;
    }

    private List<Evaluation> evaluateChunk(List<G> batch, String phase) {
        // genomes new to this search, each once
        Map<String, G> fresh = new LinkedHashMap<>();
        for (G g : batch) {
            String key = genomes.encode(g);
            if (!seen.containsKey(key)) {
                fresh.putIfAbsent(key, g);
            }
        }
        if (!fresh.isEmpty()) {
            List<G> todo = new ArrayList<>(fresh.values());
            List<Evaluation> evals = fitness.evaluate(todo);
            if (evals.size() != todo.size()) {
                throw new IllegalStateException("Fitness '" + fitness.name() + "' returned " + evals.size() + " values for "
                        + todo.size() + " genomes");
            }
            int k = 0;
            for (String key : fresh.keySet()) {
                seen.put(key, evals.get(k++));
            }
        }
        List<Evaluation> out = new ArrayList<>();
        for (G g : batch) {
            String key = genomes.encode(g);
            Evaluation e = seen.get(key);
            if (fresh.remove(key) == null) {
                e = new Evaluation(e.value(), e.seconds(), "repeat", e.error());
            }
            int step = steps.size() + 1;
            // the first of equal values stays best: the earliest evaluation wins ties
            if (bestStep == 0 || fitness.better(e.value(), bestFitness)) {
                bestStep = step;
                bestFitness = e.value();
            }
            SearchStep<G> s = new SearchStep<>(step, phase, g, key, e, bestStep, bestFitness);
            steps.add(s);
            out.add(e);
            listener.onStep(s, total, (System.nanoTime() - start) / 1e9);
        }
        return out;
    }

    SearchHistory<G> history(String method) {
        return new SearchHistory<>(method, fitness.name(), fitness.higherIsBetter(), steps, (System.nanoTime() - start) / 1e9);
    }
}
