package io.gennas4j.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Random search, the baseline of every NAS comparison: {@code N} genomes drawn independently with
 * a seeded generator, all evaluated (as one batch, so in parallel where the fitness allows), the
 * best kept. Draws may repeat, as independent draws do.
 *
 * @param <G> the genome type
 */
public final class RandomSearch<G> {

    public static final String METHOD = "random search";

    private final GenomeSpace<G> genomes;
    private final Fitness<G> fitness;
    private final int evaluations;
    private final long seed;
    private final SearchListener listener;

    private RandomSearch(Builder<G> b) {
        this.genomes = b.genomes;
        this.fitness = b.fitness;
        this.evaluations = b.evaluations;
        this.seed = b.seed;
        this.listener = b.listener;
    }

    public static <G> Builder<G> builder() {
        return new Builder<>();
    }

    public SearchHistory<G> run() {
        Random rng = new Random(seed);
        List<G> draws = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            draws.add(genomes.random(rng));
        }
        HistoryRecorder<G> rec = new HistoryRecorder<>(genomes, fitness, listener, evaluations);
        rec.evaluate(draws, "random");
        return rec.history(METHOD);
    }

    /** Builder; default 450 evaluations (GenNAS's P + T), seed 0. */
    public static final class Builder<G> {
        private GenomeSpace<G> genomes;
        private Fitness<G> fitness;
        private int evaluations = 450;
        private long seed;
        private SearchListener listener = SearchListener.console(30);

        public Builder<G> setGenomes(GenomeSpace<G> genomes) {
            this.genomes = genomes;
            return this;
        }

        public Builder<G> setFitness(Fitness<G> fitness) {
            this.fitness = fitness;
            return this;
        }

        public Builder<G> optEvaluations(int evaluations) {
            this.evaluations = evaluations;
            return this;
        }

        public Builder<G> optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder<G> optListener(SearchListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public RandomSearch<G> build() {
            Objects.requireNonNull(genomes, "genomes: call setGenomes");
            Objects.requireNonNull(fitness, "fitness: call setFitness");
            if (evaluations < 1) {
                throw new IllegalArgumentException("evaluations must be >= 1, got " + evaluations);
            }
            return new RandomSearch<>(this);
        }
    }
}
