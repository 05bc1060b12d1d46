package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.EproxyProxy;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb101.Nb101Arch;
import io.gennas4j.space.nb201.Nb201Arch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Discrete Proxy Search (Eproxy, spec §7.3): regularized (aging) evolution over Eproxy
 * configurations ({@link EproxyGenomes}) whose fitness is −Spearman ρ of the proxy's scores
 * against the accuracies of a small labelled set ({@link EproxyFitness}); then the best genome is
 * applied to held-out architectures. The paper's budget: population 40, tournament 10, 200
 * evaluations of 20 architectures each.
 *
 * <ul>
 *   <li>NAS-Bench-101: the 20 labelled cells of {@code nb101_20_mean.csv} (the reference's
 *       {@code nasbench1_20.json}); held out: cells of the 2,500 not among them, in a seeded order.
 *   <li>NAS-Bench-201: 20 architectures drawn with a seed, never from the first 1,000 of the
 *       held-out GenNAS sample (the reference shuffles one file into both, so they may overlap).
 * </ul>
 *
 * The chosen genome is the highest fitness seen (the engine's rule; the reference keeps the last
 * genome when none reaches ρ > 0, a case that only differs when DPS fails). Fitness values are
 * cached by the genome's JSON and architecture scores by the score cache, so a killed search
 * resumes. The network size is the benchmark's by default; {@link Builder#optNetworkSize} runs it
 * narrower (the reference ships {@code config_loss_macs_nb101_nas_16c}: NAS-Bench-101 at C=16).
 */
public final class Dps {

    private final String space;
    private final List<? extends Architecture> labelled;
    private final List<? extends Architecture> heldOut;
    private final Accuracies accuracies;
    private final Accuracies heldOutAccuracies;
    private final String target;
    private final NetworkSize size;
    private final int population;
    private final int tournament;
    private final int evaluations;
    private final long seed;
    private final ScoreCache cache;
    private final int workers;
    private final SearchListener listener;
    private EproxyFitness fitness;

    private Dps(Builder b) {
        this.space = b.space;
        this.size = b.size;
        this.population = b.population;
        this.tournament = b.tournament;
        this.evaluations = b.evaluations;
        this.seed = b.seed;
        this.cache = b.cache;
        this.workers = b.workers;
        this.listener = b.listener;
        if (space.equals("nb201")) {
            Nb201Table table = Nb201Table.load();
            List<Nb201Arch> held = table.gennasSample(b.heldOutSample).subList(0, Math.min(1000, b.heldOutCount));
            this.heldOut = held;
            this.labelled = TaskSearch.disjointSample(table.gennasSample(b.heldOutSample).subList(0, 1000), b.labelledCount,
                    b.labelledSeed);
            this.accuracies = table.accuracies();
            this.heldOutAccuracies = accuracies;
            this.target = b.target != null ? b.target : "cifar10_valid"; // the reference ranks nb201 DPS on cifar10valid.json
        } else {
            Nb101Table search = Nb101Table.loadSearchSet();
            this.labelled = search.archs();
            Nb101Table all = Nb101Table.load();
            Set<String> searchHashes = new HashSet<>();
            search.archs().forEach(a -> searchHashes.add(a.hash()));
            List<Nb101Arch> rest = new ArrayList<>();
            for (Nb101Arch a : all.sample(all.size(), b.labelledSeed)) {
                if (!searchHashes.contains(a.hash()) && rest.size() < b.heldOutCount) {
                    rest.add(a);
                }
            }
            this.heldOut = rest;
            this.accuracies = search.accuracies();
            this.heldOutAccuracies = all.accuracies();
            this.target = Nb101Table.TARGET;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<? extends Architecture> labelled() {
        return labelled;
    }

    public List<? extends Architecture> heldOut() {
        return heldOut;
    }

    public String target() {
        return target;
    }

    public int evaluations() {
        return evaluations;
    }

    /** The fitness on the labelled set (built once; its target maps are shared by every candidate). */
    public synchronized EproxyFitness fitness() {
        if (fitness == null) {
            EproxyFitness.Builder b = EproxyFitness.builder().setArchitectures(labelled, accuracies, target).optSeed(seed)
                    .optCache(cache).optWorkers(workers);
            if (size != null) {
                b.optNetworkSize(size);
            }
            fitness = b.build();
        }
        return fitness;
    }

    /** Runs the search; the chosen configuration is {@code history.chosen()}. */
    public SearchHistory<EproxyConfig> run() {
        Fitness<EproxyConfig> f = cache == null ? fitness() : new CachedFitness<>(fitness(), EproxyGenomes.INSTANCE, cache);
        return RegularizedEvolution.<EproxyConfig>builder().setGenomes(EproxyGenomes.INSTANCE).setFitness(f)
                .optPopulation(population).optTournament(tournament).optCycles(evaluations - population).optSeed(seed)
                .optListener(listener).build().run();
    }

    /**
     * Scores the held-out architectures with each configuration (same size, seed and targets as
     * the search) and ranks them against the held-out accuracies.
     *
     * @param configs label → configuration, in table order
     */
    public MethodComparison heldOutComparison(Map<String, EproxyConfig> configs) {
        MethodComparison cmp = new MethodComparison();
        for (var e : configs.entrySet()) {
            try (EproxyProxy p = fitness().proxy(e.getValue())) {
                ScoringRunner.Builder rb = ScoringRunner.builder().setProxy(p).optCache(cache).optProgress(ProgressListener.console(30));
                rb.optWorkers(workers);
                Table scores = rb.build().run(heldOut);
                cmp.add(e.getKey(), scores, heldOutAccuracies, false);
            }
        }
        return cmp;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DPS on %s: %d labelled, %d held out, P=%d S=%d %d evaluations, %s, seed %d", space,
                labelled.size(), heldOut.size(), population, tournament, evaluations,
                size == null ? "benchmark size" : "C=" + size.channels() + ", " + size.cellsPerStage() + " cells", seed);
    }

    /** Builder; defaults are the paper's: NAS-Bench-101, P=40, S=10, 200 evaluations, seed 111, benchmark size. */
    public static final class Builder {
        private String space = "nb101";
        private String target;
        private NetworkSize size;
        private int population = 40;
        private int tournament = 10;
        private int evaluations = 200;
        private long seed = 111;
        private int labelledCount = 20;
        private long labelledSeed = 0;
        private int heldOutSample = 0;
        private int heldOutCount = 200;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private SearchListener listener = SearchListener.console(10);

        /** @throws IllegalArgumentException for a space other than nb101 or nb201 */
        public Builder setSpace(String space) {
            String s = space.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("nb201") && !s.equals("nb101")) {
                throw new IllegalArgumentException("DPS runs on nb101 or nb201, not '" + space + "'");
            }
            this.space = s;
            return this;
        }

        /** NAS-Bench-201 accuracy to rank against (default {@code cifar10_valid}, the reference's). */
        public Builder optTarget(String target) {
            this.target = target;
            return this;
        }

        /** Network size of every scored architecture (default: the benchmark's). */
        public Builder optNetworkSize(NetworkSize size) {
            this.size = size;
            return this;
        }

        /** Population, tournament and total evaluations (Eproxy: 40, 10, 200). */
        public Builder optBudget(int population, int tournament, int evaluations) {
            this.population = population;
            this.tournament = tournament;
            this.evaluations = evaluations;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** NAS-Bench-201: labelled architectures (default 20) and the seed drawing them; NAS-Bench-101: the held-out order's seed. */
        public Builder optLabelled(int count, long labelledSeed) {
            if (count < 3) {
                throw new IllegalArgumentException("DPS needs >= 3 labelled architectures, got " + count);
            }
            this.labelledCount = count;
            this.labelledSeed = labelledSeed;
            return this;
        }

        /** How many held-out architectures to evaluate (default 200; NAS-Bench-201 at most 1,000) and the GenNAS sample (nb201). */
        public Builder optHeldOut(int count, int sample) {
            if (count < 3) {
                throw new IllegalArgumentException("held-out evaluation needs >= 3 architectures, got " + count);
            }
            this.heldOutCount = count;
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

        public Dps build() {
            if (population < 1 || tournament < 1 || tournament > population || evaluations < population) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "budget P=%d S=%d evaluations=%d: need P >= 1, 1 <= S <= P, evaluations >= P", population, tournament,
                        evaluations));
            }
            return new Dps(this);
        }
    }
}
