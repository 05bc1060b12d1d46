package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.space.nb201.Nb201Space;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Proxy-task search (GenNAS §4): regularized evolution over task configurations
 * ({@link TaskGenomes}) whose fitness is how well the regression proxy ranks a small labelled
 * set ({@link TaskFitness}: |Spearman ρ| on 20 architectures). The labelled set:
 *
 * <ul>
 *   <li>NAS-Bench-201: 20 architectures drawn with {@link Builder#optLabelledSeed} from the
 *       15,625, never from the first 1,000 of the held-out GenNAS sample ({@link #heldOut()});
 *   <li>NAS-Bench-101: the 20 cells GenNAS searched with ({@code nb101_20_mean.csv}, 3-run means).
 * </ul>
 *
 * Fitness values are cached by the task's JSON ({@link CachedFitness}) and the architectures'
 * scores by the score cache, so a killed search resumes. GenNAS's budget is P=50, S=10, T=400
 * (9,000 trainings of 20 architectures); the defaults are smaller and say so.
 */
public final class TaskSearch {

    private final String space;
    private final List<? extends Architecture> labelled;
    private final List<? extends Architecture> heldOut;
    private final Accuracies accuracies;
    private final String target;
    private final Protocol protocol;
    private final int population;
    private final int tournament;
    private final int cycles;
    private final long seed;
    private final ScoreCache cache;
    private final int workers;
    private final SearchListener listener;

    private TaskSearch(Builder b) {
        this.space = b.space;
        this.population = b.population;
        this.tournament = b.tournament;
        this.cycles = b.cycles;
        this.seed = b.seed;
        this.cache = b.cache;
        this.workers = b.workers;
        this.listener = b.listener;
        if (space.equals("nb201")) {
            Nb201Table table = Nb201Table.load();
            List<Nb201Arch> held = table.gennasSample(b.heldOutSample).subList(0, 1000);
            this.heldOut = held;
            this.labelled = disjointSample(held, b.labelledCount, b.labelledSeed);
            this.accuracies = table.accuracies();
            this.target = b.target != null ? b.target : "cifar10_test";
            this.protocol = b.protocol != null ? b.protocol : Protocol.FAST;
        } else {
            this.labelled = Nb101Table.loadSearchSet().archs();
            Nb101Table all = Nb101Table.load();
            Set<String> searchHashes = new HashSet<>();
            labelled.forEach(a -> searchHashes.add(((io.gennas4j.space.nb101.Nb101Arch) a).hash()));
            // held out: cells of the 2,500 that are not among the 20, in a seeded order
            List<io.gennas4j.space.nb101.Nb101Arch> rest = new ArrayList<>();
            for (var a : all.sample(all.size(), b.labelledSeed)) {
                if (!searchHashes.contains(a.hash())) {
                    rest.add(a);
                }
            }
            this.heldOut = rest;
            this.accuracies = Nb101Table.loadSearchSet().accuracies();
            this.target = Nb101Table.TARGET;
            this.protocol = b.protocol != null ? b.protocol : NasSearch.NB101_PROTOCOL;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code count} NAS-Bench-201 architectures drawn with {@code seed}, none of them in {@code exclude}. */
    static List<Nb201Arch> disjointSample(List<Nb201Arch> exclude, int count, long seed) {
        Set<String> ex = new HashSet<>();
        exclude.forEach(a -> ex.add(a.encoding()));
        Random rng = new Random(seed);
        List<Nb201Arch> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (out.size() < count) {
            Nb201Arch a = Nb201Space.INSTANCE.sample(rng);
            if (!ex.contains(a.encoding()) && seen.add(a.encoding())) {
                out.add(a);
            }
        }
        return out;
    }

    /** The labelled architectures the fitness ranks. */
    public List<? extends Architecture> labelled() {
        return labelled;
    }

    /** The labelled architectures with the accuracy the fitness ranks against. */
    public tech.tablesaw.api.Table labelledTable() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(labelled.size() + " labelled architectures (" + target + ")",
                tech.tablesaw.api.StringColumn.create("architecture"), tech.tablesaw.api.DoubleColumn.create(target));
        for (Architecture a : labelled) {
            t.stringColumn("architecture").append(a.encoding());
            t.doubleColumn(target).append(accuracies.accuracy(a, target));
        }
        return t;
    }

    /** The benchmark accuracies the held-out architectures are ranked against. */
    public Accuracies heldOutAccuracies() {
        return space.equals("nb201") ? accuracies : Nb101Table.load().accuracies();
    }

    /** The held-out architectures (never in {@link #labelled()}). */
    public List<? extends Architecture> heldOut() {
        return heldOut;
    }

    public Protocol protocol() {
        return protocol;
    }

    public String target() {
        return target;
    }

    public int evaluations() {
        return population + cycles;
    }

    /** The fitness (uncached) for this search's labelled set and protocol. */
    public TaskFitness fitness() {
        TaskFitness.Builder b = TaskFitness.builder().setArchitectures(labelled, accuracies, target).optProtocol(protocol)
                .optSeed(seed).optCache(cache);
        b.optWorkers(workers);
        return b.build();
    }

    /** Runs the search; the chosen task is {@code history.chosen()}. */
    public SearchHistory<TaskConfig> run() {
        Fitness<TaskConfig> f = cache == null ? fitness() : new CachedFitness<>(fitness(), TaskGenomes.INSTANCE, cache);
        return RegularizedEvolution.<TaskConfig>builder().setGenomes(TaskGenomes.INSTANCE).setFitness(f)
                .optPopulation(population).optTournament(tournament).optCycles(cycles).optSeed(seed)
                .optListener(listener).build().run();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "task search on %s: %d labelled, P=%d S=%d T=%d, %s, seed %d", space, labelled.size(),
                population, tournament, cycles, protocol.describe(), seed);
    }

    /** Builder; defaults: NAS-Bench-201, P=10, S=5, T=20 (GenNAS: 50, 10, 400), seed 111. */
    public static final class Builder {
        private String space = "nb201";
        private Protocol protocol;
        private String target;
        private int population = 10;
        private int tournament = 5;
        private int cycles = 20;
        private long seed = 111;
        private int labelledCount = 20;
        private long labelledSeed = 0;
        private int heldOutSample = 0;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private SearchListener listener = SearchListener.console(30);

        /** @throws IllegalArgumentException for a space other than nb201 or nb101 */
        public Builder setSpace(String space) {
            String s = space.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("nb201") && !s.equals("nb101")) {
                throw new IllegalArgumentException("Task search runs on nb201 or nb101, not '" + space + "'");
            }
            this.space = s;
            return this;
        }

        public Builder optProtocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /** NAS-Bench-201 accuracy to rank against (default {@code cifar10_test}). */
        public Builder optTarget(String target) {
            this.target = target;
            return this;
        }

        /** P, S, T (GenNAS: 50, 10, 400). */
        public Builder optBudget(int population, int tournament, int cycles) {
            this.population = population;
            this.tournament = tournament;
            this.cycles = cycles;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** NAS-Bench-201: how many labelled architectures (default 20) and the seed that draws them (default 0). */
        public Builder optLabelled(int count, long labelledSeed) {
            if (count < 3) {
                throw new IllegalArgumentException("a task search needs >= 3 labelled architectures, got " + count);
            }
            this.labelledCount = count;
            this.labelledSeed = labelledSeed;
            return this;
        }

        /** NAS-Bench-201: the GenNAS sample whose first 1,000 are held out (default 0). */
        public Builder optHeldOutSample(int sample) {
            this.heldOutSample = sample;
            return this;
        }

        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        public Builder optWorkers(int workers) {
            this.workers = ScoringRunner.checkWorkers(workers);
            return this;
        }

        public Builder optListener(SearchListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public TaskSearch build() {
            if (population < 1 || cycles < 0 || tournament < 1 || tournament > population) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "budget P=%d S=%d T=%d: need P >= 1, 1 <= S <= P, T >= 0", population, tournament, cycles));
            }
            return new TaskSearch(this);
        }
    }
}
