package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Dataset;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.zerocost.ZeroCostProxy;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nb101.Nb101Arch;
import io.gennas4j.space.nb101.Nb101Space;
import io.gennas4j.space.nb201.Nb201Space;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * End-to-end NAS with a cheap proxy as fitness (GenNAS §5), and the methods it is compared with
 * ({@link SearchMethod}), on NAS-Bench-201 (the whole space) or NAS-Bench-101 (the 2,500 labelled
 * cells: {@link LabelledPool}). The chosen architecture of a search is the best fitness it saw;
 * its benchmark <em>test</em> accuracies are read afterwards, never by the search.
 *
 * <ul>
 *   <li>GenNAS fitness: the regression loss (lower is better) with {@link #protocol()} (default:
 *       the {@code fast} preset on NAS-Bench-201, GenNAS's C=16, 3 cells per stack, 100 iterations
 *       on NAS-Bench-101) and the task (default CONF_NB101); the proxy seed is the search seed
 *       unless fixed with {@link Builder#optProxySeed}.
 *   <li>Zero-cost fitness: the measure at the benchmark's network size, seed 42 (the reference's).
 *   <li>Oracle fitness: NAS-Bench-201 CIFAR-10 <em>validation</em> accuracy; on NAS-Bench-101 the
 *       shared data has only one (test) accuracy, so the oracle there sees the reported value.
 * </ul>
 *
 * <p>Accuracies are in percent in both spaces (NAS-Bench-101's fractions are scaled).
 *
 * <pre>{@code
 * try (NasSearch s = NasSearch.builder().setSpace("nb201").optCache(cache).build()) {
 *     NasSearchResult r = s.run(SearchMethod.REA_GENNAS, 1);
 * }
 * }</pre>
 */
public final class NasSearch implements AutoCloseable {

    private final String space;
    private final GenomeSpace<Architecture> genomes;
    private final Accuracies accuracies;
    private final String oracleTarget;
    private final List<String> testTargets;
    private final Map<String, Double> optimum = new LinkedHashMap<>();
    private final Protocol protocol;
    private final Protocol refineProtocol;
    private final int refineTop;
    private final TaskConfig task;
    private final Long proxySeed;
    private final long zeroCostSeed;
    private final int population;
    private final int tournament;
    private final int cycles;
    private final ScoreCache cache;
    private final int workers;
    private final SearchListener listener;
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();

    /**
     * GenNAS's NAS-Bench-101 protocol for end-to-end search (§2.2, §5): C=16, 3 cells per stack,
     * 100 iterations, batch 16, a single eval at iteration 100.
     */
    public static final Protocol NB101_PROTOCOL = Protocol.PAPER.withCells(3).withEvalInterval(100).named("gennas-nb101");

    /**
     * The two-fidelity method's default refinement protocol on NAS-Bench-201: the fast preset's
     * network (C=8, 1 cell per stage) trained 100 iterations, one eval at the end. On the
     * cost–quality frontier it ranks best (|ρ| 0.887 ± 0.004 on 200 architectures, README); among
     * the 91 best architectures that four fast-preset searches found it ranks at |ρ| 0.32–0.42
     * against the fast preset's 0.21–0.26 (seeds 1, 2), at about 5× the fast preset's cost, so
     * re-scoring the best 10 costs about a quarter of a search (README, "End-to-end search").
     * GenNAS's own protocol (C=16, 5 cells) would cost about 17 s per architecture on 2 cores.
     * On NAS-Bench-101, where the search already runs GenNAS's protocol, the default refinement
     * re-scores with the search's own protocol (so it keeps the search's choice) until one is
     * chosen with {@link Builder#optRefine}.
     */
    public static final Protocol REFINE_PROTOCOL = Protocol.parse("C8 n1 it100 b16 e100");

    /** How many architectures the two-fidelity method re-scores by default. */
    public static final int REFINE_TOP = 10;

    private NasSearch(Builder b) {
        this.space = b.space;
        this.task = b.task;
        this.refineTop = b.refineTop;
        this.proxySeed = b.proxySeed;
        this.zeroCostSeed = b.zeroCostSeed;
        this.population = b.population;
        this.tournament = b.tournament;
        this.cycles = b.cycles;
        this.cache = b.cache;
        this.workers = b.workers;
        this.listener = b.listener;
        if (space.equals("nb201")) {
            Nb201Table table = b.nb201 != null ? b.nb201 : Nb201Table.load();
            this.genomes = widen(ArchitectureGenomes.of(Nb201Space.INSTANCE));
            this.accuracies = table.accuracies();
            this.oracleTarget = Nb201Dataset.CIFAR10.column(false);
            this.testTargets = List.of(Nb201Dataset.CIFAR10.column(true), Nb201Dataset.CIFAR100.column(true),
                    Nb201Dataset.IMAGENET16.column(true));
            for (String t : testTargets) {
                optimum.put(t, table.table().doubleColumn(t).max());
            }
            this.protocol = b.protocol != null ? b.protocol : Protocol.FAST;
        } else {
            Nb101Table table = b.nb101 != null ? b.nb101 : Nb101Table.load();
            this.genomes = widen(new LabelledPool<>(Nb101Space.INSTANCE, table.archs(), Nb101Arch::hash, LabelledPool.DEFAULT_MAX_TRIES));
            this.accuracies = percent(table.accuracies()); // the table holds fractions; results are in %
            this.oracleTarget = Nb101Table.TARGET;
            this.testTargets = List.of(Nb101Table.TARGET);
            optimum.put(Nb101Table.TARGET, 100 * table.table().doubleColumn("cifar10_acc_108ep").max());
            this.protocol = b.protocol != null ? b.protocol : NB101_PROTOCOL;
        }
        this.refineProtocol = b.refineProtocol != null ? b.refineProtocol : space.equals("nb201") ? REFINE_PROTOCOL : this.protocol;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The GenNAS protocol for a search on {@code space}: {@code preset} (empty: the space's default,
     * fast on nb201 and {@link #NB101_PROTOCOL} on nb101) with single knobs replaced (0 keeps one).
     * What command lines and notebooks pass to {@code optProtocol}.
     */
    public static Protocol protocol(String space, String preset, int channels, int cells, int iterations) {
        Protocol base = preset != null && !preset.isBlank() ? Protocol.byName(preset)
                : space.trim().equalsIgnoreCase("nb101") ? NB101_PROTOCOL : Protocol.FAST;
        return base.overriding(channels, cells, iterations, 0, 0);
    }

    public String space() {
        return space;
    }

    /** The GenNAS protocol the searches use. */
    public Protocol protocol() {
        return protocol;
    }

    /** Test targets the chosen architectures are reported on ({@code cifar10_test}, …). */
    public List<String> testTargets() {
        return testTargets;
    }

    /** The best test accuracy in the benchmark (NAS-Bench-101: in the labelled pool) per target. */
    public Map<String, Double> optimum() {
        return Map.copyOf(optimum);
    }

    public Accuracies accuracies() {
        return accuracies;
    }

    /** Evaluations per search: P + T for evolution, the same number of draws for random search. */
    public int evaluations() {
        return population + cycles;
    }

    /**
     * Runs one search of {@code method} with {@code seed}. A two-fidelity method runs the same
     * regularized evolution as {@code rea-gennas} (so with a cache it reuses that search's
     * scores), then re-scores its {@link Builder#optRefine best few} at the refinement protocol.
     */
    public NasSearchResult run(SearchMethod method, long seed) {
        Fitness<Architecture> fitness = fitness(method, seed);
        SearchHistory<Architecture> h;
        SearchHistory<Architecture> refined = null;
        try {
            h = method.evolution()
                    ? RegularizedEvolution.<Architecture>builder().setGenomes(genomes).setFitness(fitness)
                            .optPopulation(population).optTournament(tournament).optCycles(cycles).optSeed(seed)
                            .optListener(listener).build().run()
                    : RandomSearch.<Architecture>builder().setGenomes(genomes).setFitness(fitness)
                            .optEvaluations(evaluations()).optSeed(seed).optListener(listener).build().run();
        } finally {
            fitness.close();
        }
        if (method.twoFidelity()) {
            try (ProxyFitness<Architecture> high = ProxyFitness.builder().setProxy(refineProxy(seed)).optCache(cache)
                    .optWorkers(workers).<Architecture>build()) {
                refined = TwoFidelity.refine(h, genomes, high, refineTop, listener);
            }
        }
        Map<String, Double> chosen = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (String t : testTargets) {
            double[] c = h.bestSoFar(accuracies, t, Function.identity());
            if (refined != null) {
                double[] r = refined.bestSoFar(accuracies, t, Function.identity());
                double[] both = java.util.Arrays.copyOf(c, c.length + r.length);
                System.arraycopy(r, 0, both, c.length, r.length);
                c = both;
            }
            curves.put(t, c);
            chosen.put(t, accuracies.accuracy(refined != null ? refined.chosen() : h.chosen(), t));
        }
        return new NasSearchResult(method, space, seed, h, refined, chosen, curves);
    }

    /** The refinement protocol of the two-fidelity method. */
    public Protocol refineProtocol() {
        return refineProtocol;
    }

    /** How many of the screening search's best are re-scored. */
    public int refineTop() {
        return refineTop;
    }

    /** Every method with every seed, methods outermost; a line per finished search. */
    public List<NasSearchResult> runAll(List<SearchMethod> methods, List<Long> seeds) {
        List<NasSearchResult> out = new ArrayList<>();
        for (SearchMethod m : methods) {
            for (long seed : seeds) {
                NasSearchResult r = run(m, seed);
                out.add(r);
                System.out.printf(Locale.ROOT, "%-12s seed %-4d chose %s  %s  (%.0f s of evaluations, %.0f s wall)%n", m, seed,
                        r.chosen().encoding(), accuracyText(r.chosenAccuracy()), r.searchSeconds(), r.wallSeconds());
                System.out.flush();
            }
        }
        return out;
    }

    private static String accuracyText(Map<String, Double> acc) {
        StringBuilder sb = new StringBuilder();
        acc.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.2f ", k, v)));
        return sb.toString().trim();
    }

    private Fitness<Architecture> fitness(SearchMethod method, long seed) {
        if (method.fitness().equals("oracle")) {
            return new OracleFitness<>(accuracies, oracleTarget);
        }
        return ProxyFitness.builder().setProxy(proxy(method.fitness(), seed)).optCache(cache)
                .optWorkers(workers).<Architecture>build();
    }

    /** The GenNAS proxy of a search with this seed (built once, shared by the methods). */
    public RegressionProxy gennasProxy(long seed) {
        return (RegressionProxy) proxy("gennas", seed);
    }

    private RegressionProxy refineProxy(long seed) {
        long s = proxySeed != null ? proxySeed : seed;
        return (RegressionProxy) proxies.computeIfAbsent("refine@" + s,
                k -> RegressionProxy.builder().setTask(task).optProtocol(refineProtocol).optSeed(s).build());
    }

    private Proxy proxy(String kind, long seed) {
        long s = kind.equals("gennas") ? (proxySeed != null ? proxySeed : seed) : zeroCostSeed;
        return proxies.computeIfAbsent(kind + "@" + s, k -> kind.equals("gennas")
                ? RegressionProxy.builder().setTask(task).optProtocol(protocol).optSeed(s).build()
                : ZeroCostProxy.builder().setMeasure(kind).optSeed(s).optDataSeed(s).build());
    }

    /**
     * Per method and test target: the chosen architectures' mean and standard deviation of test
     * accuracy over seeds, with the number of searches, evaluations per search, and the median
     * seconds of evaluations per search.
     */
    public static Table summary(List<NasSearchResult> results) {
        Map<SearchMethod, List<NasSearchResult>> byMethod = byMethod(results);
        List<String> targets = results.isEmpty() ? List.of() : new ArrayList<>(results.get(0).chosenAccuracy().keySet());
        Table t = Table.create("Chosen architecture's test accuracy (%), mean +/- std over seeds", StringColumn.create("method"),
                IntColumn.create("searches"), IntColumn.create("evaluations"));
        for (String target : targets) {
            t.addColumns(DoubleColumn.create(target + " mean"), DoubleColumn.create(target + " std"));
        }
        t.addColumns(DoubleColumn.create("seconds per search (median)"));
        for (var e : byMethod.entrySet()) {
            List<NasSearchResult> rs = e.getValue();
            t.stringColumn("method").append(e.getKey().label());
            t.intColumn("searches").append(rs.size());
            t.intColumn("evaluations").append(rs.get(0).evaluations());
            for (String target : targets) {
                DescriptiveStatistics d = new DescriptiveStatistics();
                rs.forEach(r -> d.addValue(r.chosenAccuracy().get(target)));
                t.doubleColumn(target + " mean").append(d.getMean());
                t.doubleColumn(target + " std").append(rs.size() > 1 ? d.getStandardDeviation() : Double.NaN);
            }
            DescriptiveStatistics sec = new DescriptiveStatistics();
            rs.forEach(r -> sec.addValue(r.searchSeconds()));
            t.doubleColumn("seconds per search (median)").append(sec.getPercentile(50));
        }
        return t;
    }

    /** The chosen architecture of every search, with its test accuracies and fitness. */
    public static Table chosen(List<NasSearchResult> results) {
        Table t = Table.create("Chosen architectures", StringColumn.create("method"), IntColumn.create("seed"),
                StringColumn.create("architecture"), DoubleColumn.create("fitness"), IntColumn.create("found at step"));
        List<String> targets = results.isEmpty() ? List.of() : new ArrayList<>(results.get(0).chosenAccuracy().keySet());
        targets.forEach(target -> t.addColumns(DoubleColumn.create(target)));
        for (NasSearchResult r : results) {
            t.stringColumn("method").append(r.method().label());
            t.intColumn("seed").append((int) r.seed());
            t.stringColumn("architecture").append(r.chosen().encoding());
            t.doubleColumn("fitness").append(r.chosenStep().fitness());
            t.intColumn("found at step").append(r.chosenStep().step() + (r.refine() != null ? r.history().evaluations() : 0));
            targets.forEach(target -> t.doubleColumn(target).append(r.chosenAccuracy().get(target)));
        }
        return t;
    }

    /** Results grouped by method, in first-seen order. */
    public static Map<SearchMethod, List<NasSearchResult>> byMethod(List<NasSearchResult> results) {
        Map<SearchMethod, List<NasSearchResult>> m = new LinkedHashMap<>();
        results.forEach(r -> m.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r));
        return m;
    }

    @Override
    public void close() {
        proxies.values().forEach(Proxy::close);
        proxies.clear();
    }

    /** Accuracies given as fractions, as percentages. */
    private static Accuracies percent(Accuracies fractions) {
        return new Accuracies() {
            @Override
            public String space() {
                return fractions.space();
            }

            @Override
            public List<String> targets() {
                return fractions.targets();
            }

            @Override
            public String title(String target) {
                return fractions.title(target);
            }

            @Override
            public double accuracy(Architecture arch, String target) {
                return 100 * fractions.accuracy(arch, target);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <A extends Architecture> GenomeSpace<Architecture> widen(GenomeSpace<A> g) {
        return new GenomeSpace<>() {
            @Override
            public String name() {
                return g.name();
            }

            @Override
            public Architecture random(Random rng) {
                return g.random(rng);
            }

            @Override
            public Architecture mutate(Architecture parent, Random rng) {
                return g.mutate((A) parent, rng);
            }

            @Override
            public String encode(Architecture genome) {
                return g.encode((A) genome);
            }
        };
    }

    /** Builder; defaults: NAS-Bench-201, GenNAS's P=50, S=10, T=400, CONF_NB101, no cache. */
    public static final class Builder {
        private String space = "nb201";
        private Protocol protocol;
        private TaskConfig task = TaskConfig.byName("CONF_NB101");
        private Protocol refineProtocol;
        private int refineTop = REFINE_TOP;
        private Long proxySeed;
        private long zeroCostSeed = 42;
        private int population = 50;
        private int tournament = 10;
        private int cycles = 400;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private SearchListener listener = SearchListener.console(30);
        private Nb201Table nb201;
        private Nb101Table nb101;

        /**
         * {@code nb201} (the whole space) or {@code nb101} (the labelled pool).
         *
         * @throws IllegalArgumentException for another name
         */
        public Builder setSpace(String space) {
            String s = space.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("nb201") && !s.equals("nb101")) {
                throw new IllegalArgumentException("End-to-end search runs on nb201 or nb101, not '" + space + "'");
            }
            this.space = s;
            return this;
        }

        /** The GenNAS protocol (default: fast on nb201, GenNAS's on nb101). */
        public Builder optProtocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * The two-fidelity method's second stage: re-score the {@code top} best architectures of
         * the screening search with {@code protocol} (null: the space's default, see
         * {@link #REFINE_PROTOCOL}; default top {@value #REFINE_TOP}).
         */
        public Builder optRefine(Protocol protocol, int top) {
            if (top < 1) {
                throw new IllegalArgumentException("refine at least 1 architecture, got " + top);
            }
            this.refineProtocol = protocol; // null: the space's default
            this.refineTop = top;
            return this;
        }

        public Builder optTask(TaskConfig task) {
            this.task = Objects.requireNonNull(task);
            return this;
        }

        /** One GenNAS proxy seed for every search (default: each search's own seed). */
        public Builder optProxySeed(long seed) {
            this.proxySeed = seed;
            return this;
        }

        /** Zero-cost weight-init and data seed (default 42, the reference's). */
        public Builder optZeroCostSeed(long seed) {
            this.zeroCostSeed = seed;
            return this;
        }

        /** Population P, tournament S, cycles T (GenNAS: 50, 10, 400; random search draws P + T). */
        public Builder optBudget(int population, int tournament, int cycles) {
            this.population = population;
            this.tournament = tournament;
            this.cycles = cycles;
            return this;
        }

        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Worker JVMs scoring the architectures: 1 in this process, 0 (the default) automatic
         * ({@link ScoringRunner.Builder#optWorkers(int)}). Scores do not depend on it (issue 17).
         */
        public Builder optWorkers(int workers) {
            this.workers = ScoringRunner.checkWorkers(workers);
            return this;
        }

        public Builder optListener(SearchListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Ground truth to use instead of loading it from the data directory. */
        public Builder optTables(Nb201Table nb201, Nb101Table nb101) {
            this.nb201 = nb201;
            this.nb101 = nb101;
            return this;
        }

        /** @throws IllegalArgumentException for a budget that regularized evolution cannot run */
        public NasSearch build() {
            if (population < 1 || cycles < 0 || tournament < 1 || tournament > population) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "budget P=%d S=%d T=%d: need P >= 1, 1 <= S <= P, T >= 0", population, tournament, cycles));
            }
            return new NasSearch(this);
        }
    }
}
