package io.gennas4j.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Regularized (aging) evolution (Real et al. 2019; GenNAS spec §4 and §5): a population of
 * {@code P} random genomes, then {@code T} cycles, each sampling {@code S} members without
 * replacement (the tournament), mutating the best of them, evaluating the child, appending it and
 * removing the <em>oldest</em> member. {@code P + T} evaluations in all.
 *
 * <p>Every random draw comes from one {@code java.util.Random} seeded with {@link Builder#optSeed},
 * and the fitness only returns values, so the same seed and the same fitness values give the same
 * history: with a cached fitness a killed search re-run replays its finished steps from the cache
 * and continues exactly as an uninterrupted run would. The initial population is evaluated as one
 * batch (parallel where the fitness scores in parallel); cycles evaluate one child each, as the
 * paper does.
 *
 * <pre>{@code
 * SearchHistory<Nb201Arch> h = RegularizedEvolution.<Nb201Arch>builder()
 *         .setGenomes(ArchitectureGenomes.of(Nb201Space.INSTANCE)).setFitness(fitness)
 *         .optPopulation(50).optTournament(10).optCycles(400).optSeed(1).build().run();
 * }</pre>
 *
 * @param <G> the genome type
 */
public final class RegularizedEvolution<G> {

    public static final String METHOD = "regularized evolution";

    private final GenomeSpace<G> genomes;
    private final Fitness<G> fitness;
    private final int population;
    private final int tournament;
    private final int cycles;
    private final long seed;
    private final SearchListener listener;

    private RegularizedEvolution(Builder<G> b) {
        this.genomes = b.genomes;
        this.fitness = b.fitness;
        this.population = b.population;
        this.tournament = b.tournament;
        this.cycles = b.cycles;
        this.seed = b.seed;
        this.listener = b.listener;
    }

    public static <G> Builder<G> builder() {
        return new Builder<>();
    }

    /** Evaluations this search makes: population + cycles. */
    public int evaluations() {
        return population + cycles;
    }

    /**
     * Runs the search.
     *
     * @throws RuntimeException whatever the fitness throws (an interruption); evaluations finished
     *     before it are in the fitness's cache, so re-running with the same seed resumes
     */
    public SearchHistory<G> run() {
        Random rng = new Random(seed);
        HistoryRecorder<G> rec = new HistoryRecorder<>(genomes, fitness, listener, evaluations());
        // the population as (genome, fitness) in age order: oldest first
        Deque<Member<G>> pop = new ArrayDeque<>();
        List<G> initial = new ArrayList<>();
        for (int i = 0; i < population; i++) {
            initial.add(genomes.random(rng));
        }
        List<Evaluation> evals = rec.evaluate(initial, "init");
        for (int i = 0; i < initial.size(); i++) {
            pop.addLast(new Member<>(initial.get(i), evals.get(i).value()));
        }
        for (int c = 0; c < cycles; c++) {
            G parent = tournament(new ArrayList<>(pop), rng).genome();
            G child = genomes.mutate(parent, rng);
            double value = rec.evaluate(List.of(child), "cycle").get(0).value();
            pop.addLast(new Member<>(child, value));
            pop.removeFirst(); // aging: the oldest dies, whatever its fitness
        }
        return rec.history(METHOD);
    }

    /** S members drawn without replacement; the best of them (the first drawn among equals). */
    Member<G> tournament(List<Member<G>> members, Random rng) {
        int s = Math.min(tournament, members.size());
        // partial Fisher–Yates: the first s entries become a uniform sample without replacement
        for (int i = 0; i < s; i++) {
            int j = i + rng.nextInt(members.size() - i);
            Member<G> tmp = members.get(i);
            members.set(i, members.get(j));
            members.set(j, tmp);
        }
        Member<G> best = members.get(0);
        for (int i = 1; i < s; i++) {
            if (fitness.better(members.get(i).fitness(), best.fitness())) {
                best = members.get(i);
            }
        }
        return best;
    }

    record Member<G>(G genome, double fitness) {}

    /** Builder; defaults are GenNAS's (P=50, S=10, T=400, seed 0). */
    public static final class Builder<G> {
        private GenomeSpace<G> genomes;
        private Fitness<G> fitness;
        private int population = 50;
        private int tournament = 10;
        private int cycles = 400;
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

        /** Population size P (GenNAS: 50). */
        public Builder<G> optPopulation(int population) {
            this.population = population;
            return this;
        }

        /** Tournament size S (GenNAS: 10); at most P. */
        public Builder<G> optTournament(int tournament) {
            this.tournament = tournament;
            return this;
        }

        /** Evolution cycles T, one child each (GenNAS: 400). */
        public Builder<G> optCycles(int cycles) {
            this.cycles = cycles;
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

        /**
         * @throws IllegalArgumentException for P &lt; 1, S outside 1..P or T &lt; 0, naming the value
         */
        public RegularizedEvolution<G> build() {
            Objects.requireNonNull(genomes, "genomes: call setGenomes");
            Objects.requireNonNull(fitness, "fitness: call setFitness");
            if (population < 1) {
                throw new IllegalArgumentException("population must be >= 1, got " + population);
            }
            if (tournament < 1 || tournament > population) {
                throw new IllegalArgumentException("tournament size must be in 1.." + population + " (the population), got " + tournament);
            }
            if (cycles < 0) {
                throw new IllegalArgumentException("cycles must be >= 0, got " + cycles);
            }
            return new RegularizedEvolution<>(this);
        }
    }
}
