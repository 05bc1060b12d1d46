package io.gennas4j.search;

import java.util.ArrayList;
import java.util.List;

/** Appends evaluations to a history, tracking the best so far; shared by the search methods. */
final class HistoryRecorder<G> {

    private final GenomeSpace<G> genomes;
    private final Fitness<G> fitness;
    private final SearchListener listener;
    private final int total;
    private final long start = System.nanoTime();
    private final List<SearchStep<G>> steps = new ArrayList<>();
    private int bestStep;
    private double bestFitness = Double.NaN;

    HistoryRecorder(GenomeSpace<G> genomes, Fitness<G> fitness, SearchListener listener, int total) {
        this.genomes = genomes;
        this.fitness = fitness;
        this.listener = listener;
        this.total = total;
    }

    /** Genomes per fitness call: small enough for steady progress lines, large enough for a pool. */
    static final int CHUNK = 10;

    /** Evaluates a batch (in chunks of {@value #CHUNK}) and records it; returns the evaluations in order. */
    List<Evaluation> evaluate(List<G> batch, String phase) {
        List<Evaluation> all = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += CHUNK) {
            all.addAll(evaluateChunk(batch.subList(from, Math.min(batch.size(), from + CHUNK)), phase));
        }
        return all;
    }

    private List<Evaluation> evaluateChunk(List<G> batch, String phase) {
        List<Evaluation> evals = fitness.evaluate(batch);
        if (evals.size() != batch.size()) {
            throw new IllegalStateException("Fitness '" + fitness.name() + "' returned " + evals.size() + " values for "
                    + batch.size() + " genomes");
        }
        for (int i = 0; i < batch.size(); i++) {
            Evaluation e = evals.get(i);
            int step = steps.size() + 1;
            // the first of equal values stays best: the earliest evaluation wins ties
            if (bestStep == 0 || fitness.better(e.value(), bestFitness)) {
                bestStep = step;
                bestFitness = e.value();
            }
            SearchStep<G> s = new SearchStep<>(step, phase, batch.get(i), genomes.encode(batch.get(i)), e, bestStep, bestFitness);
            steps.add(s);
            listener.onStep(s, total, (System.nanoTime() - start) / 1e9);
        }
        return evals;
    }

    SearchHistory<G> history(String method) {
        return new SearchHistory<>(method, fitness.name(), fitness.higherIsBetter(), steps, (System.nanoTime() - start) / 1e9);
    }
}
