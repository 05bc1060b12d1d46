package io.gennas4j.ranking;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cost–quality frontier of the regression proxy: every {@link Protocol} is scored on the same
 * architectures with several seeds; each point is the mean |ρ| (and its spread over the seeds)
 * against one accuracy target, and its cost the median seconds per architecture.
 *
 * <pre>{@code
 * Frontier.Result r = Frontier.builder().setArchitectures(archs).setAccuracies(truth.accuracies())
 *         .setProtocols(Frontier.defaultGrid()).setSeeds(111, 112, 113).optCache(cache).build().run();
 * Protocol fast = r.cheapestWithin(Protocol.PAPER, 0.02);
 * }</pre>
 *
 * Seconds are those measured when a score was computed (a cached score keeps its original time),
 * so compare costs from runs on the same machine.
 */
public final class Frontier {

    /** One protocol scored with one seed. */
    public record Run(Protocol protocol, long seed, Correlation correlation, double secondsPerArch, int failed) {}

    /** One protocol over all seeds. */
    public record Point(Protocol protocol, double[] rhos, double meanRho, double stdRho, double meanTau, double secondsPerArch) {

        /** Standard error of the mean ρ over the seeds. */
        public double stderrRho() {
            return rhos.length < 2 ? 0 : stdRho / Math.sqrt(rhos.length);
        }
    }

    private final List<? extends Architecture> archs;
    private final Accuracies truth;
    private final String target;
    private final TaskConfig task;
    private final List<Protocol> protocols;
    private final long[] seeds;
    private final ScoreCache cache;
    private final ProgressListener progress;
    private final BiConsumer<Protocol, Long> onStart;
    private final Cifar10Images images;

    private Frontier(Builder b) {
        this.archs = List.copyOf(b.archs);
        this.truth = b.truth;
        this.target = b.target != null ? b.target : truth.targets().get(0);
        this.task = b.task;
        this.protocols = List.copyOf(b.protocols);
        this.seeds = b.seeds.clone();
        this.cache = b.cache;
        this.progress = b.progress;
        this.onStart = b.onStart;
        this.images = b.images;
        if (!truth.targets().contains(target)) {
            throw new IllegalArgumentException("Unknown target '" + target + "' for " + truth.space() + ": use one of " + truth.targets());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The knobs varied one at a time around a one-cell network with one eval at the end, where
     * most of the saving is: {@link Protocol#PAPER}; 1 cell at 100, 50 and 20 iterations; batch 8
     * and base channels 8 at 100 iterations; eval every 10 and 2, 3 and 4 cells at 20 iterations
     * (with the paper's 5 and the one cell of the others, cells per stage run 1..5); base channels 8 at
     * 20 iterations (the fast preset). Eleven protocols; a grid point with the same knobs as a preset carries the preset's name.
     */
    public static List<Protocol> defaultGrid() {
        Protocol p = Protocol.PAPER;
        Protocol one = p.withCells(1).withEvalInterval(100);
        Protocol one20 = one.withIterations(20);
        List<Protocol> grid = List.of(p, one, one.withIterations(50), one.withBatchSize(8), one.withChannels(8),
                one20, one20.withEvalInterval(10), one20.withCells(2), one20.withCells(3), one20.withCells(4),
                one20.withChannels(8));
        return grid.stream().map(q -> Protocol.presets().stream().filter(q::sameKnobs).findFirst().orElse(q)).toList();
    }

    /** Scores every protocol with every seed (reading what the cache has) and ranks each run. */
    public Result run() {
        List<Run> runs = new ArrayList<>();
        for (Protocol p : protocols) {
            for (long seed : seeds) {
                if (onStart != null) {
                    onStart.accept(p, seed);
                }
                try (RegressionProxy proxy = RegressionProxy.builder().setTask(task).optProtocol(p).optSeed(seed).optImages(images).build()) {
                    Table scores = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(progress).build().run(archs);
                    // the frontier's spread is over seeds, so no bootstrap per run
                    MethodComparison.Entry e = new MethodComparison(RankingMetrics.Settings.DEFAULT.withResamples(0))
                            .add(p.name(), scores, truth, proxy.higherIsBetter()).entry(p.name(), target);
                    runs.add(new Run(p, seed, e.correlation(), e.secondsPerArch(), scores.doubleColumn("score").countMissing()
                            + archs.size() - scores.rowCount()));
                }
            }
        }
        return new Result(runs, target, archs.size());
    }

    /** All runs, and the per-protocol points. */
    public static final class Result {
        private final List<Run> runs;
        private final String target;
        private final int archs;
        private final List<Point> points;

        public Result(List<Run> runs, String target, int archs) {
            this.runs = List.copyOf(runs);
            this.target = target;
            this.archs = archs;
            this.points = aggregate(this.runs);
        }

        public List<Run> runs() {
            return runs;
        }

        public String target() {
            return target;
        }

        public int architectures() {
            return archs;
        }

        /** One point per protocol, in the order they were run. */
        public List<Point> points() {
            return points;
        }

        private static List<Point> aggregate(List<Run> runs) {
            List<Point> points = new ArrayList<>();
            List<Protocol> seen = new ArrayList<>();
            for (Run r : runs) {
                if (seen.contains(r.protocol())) {
                    continue;
                }
                seen.add(r.protocol());
                List<Run> mine = runs.stream().filter(x -> x.protocol().equals(r.protocol())).toList();
                double[] rhos = mine.stream().mapToDouble(x -> x.correlation().absSpearman()).toArray();
                double[] taus = mine.stream().mapToDouble(x -> x.correlation().absKendall()).toArray();
                double[] secs = mine.stream().mapToDouble(Run::secondsPerArch).toArray();
                points.add(new Point(r.protocol(), rhos, mean(rhos), std(rhos), mean(taus), DoubleColumn.create("s", secs).median()));
            }
            return List.copyOf(points);
        }

        /** The point of a protocol. */
        public Point point(Protocol p) {
            return points().stream().filter(x -> x.protocol().equals(p)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("protocol '" + p.name() + "' was not run"));
        }

        /**
         * The cheapest protocol whose mean |ρ| is at least the reference's minus {@code tolerance},
         * or the reference itself when none is cheaper.
         */
        public Protocol cheapestWithin(Protocol reference, double tolerance) {
            double bar = point(reference).meanRho() - tolerance;
            return points().stream().filter(x -> x.meanRho() >= bar)
                    .min((a, b) -> Double.compare(a.secondsPerArch(), b.secondsPerArch())).orElseThrow().protocol();
        }

        /**
         * One row per protocol: its knobs, mean |ρ| ± std over seeds, mean |τ|, seconds per
         * architecture, cost relative to {@code reference}, ρ minus the reference's, and whether
         * it is within {@code tolerance} of it.
         */
        public Table table(Protocol reference, double tolerance) {
            Point ref = point(reference);
            Protocol cheapest = cheapestWithin(reference, tolerance);
            StringColumn name = StringColumn.create("protocol");
            IntColumn c = IntColumn.create("channels");
            IntColumn n = IntColumn.create("cells");
            IntColumn it = IntColumn.create("iterations");
            IntColumn b = IntColumn.create("batch");
            IntColumn e = IntColumn.create("eval_interval");
            DoubleColumn rho = DoubleColumn.create("rho_mean");
            DoubleColumn sd = DoubleColumn.create("rho_std");
            DoubleColumn tau = DoubleColumn.create("tau_mean");
            DoubleColumn sec = DoubleColumn.create("s_per_arch");
            DoubleColumn rel = DoubleColumn.create("cost_vs_" + reference.name());
            DoubleColumn gap = DoubleColumn.create("rho_minus_" + reference.name());
            BooleanColumn within = BooleanColumn.create("within_" + tolerance);
            StringColumn note = StringColumn.create("note");
            for (Point p : points()) {
                Protocol q = p.protocol();
                name.append(q.name());
                c.append(q.channels());
                n.append(q.cellsPerStage());
                it.append(q.iterations());
                b.append(q.batchSize());
                e.append(q.evalInterval());
                rho.append(round(p.meanRho()));
                sd.append(round(p.stdRho()));
                tau.append(round(p.meanTau()));
                sec.append(Math.round(p.secondsPerArch() * 1000) / 1000.0);
                rel.append(round(p.secondsPerArch() / ref.secondsPerArch()));
                gap.append(round(p.meanRho() - ref.meanRho()));
                within.append(p.meanRho() >= ref.meanRho() - tolerance);
                note.append(q.equals(reference) ? "reference" : q.equals(cheapest) ? "cheapest within " + tolerance : "");
            }
            Table t = Table.create("Cost-quality frontier: |Spearman rho| vs " + target + " on " + archs
                    + " architectures, mean over " + seedsPerProtocol() + " seeds", name, c, n, it, b, e, rho, sd, tau, sec, rel, gap, within, note);
            return t.sortAscendingOn("s_per_arch");
        }

        /** One row per protocol and seed. */
        public Table runsTable() {
            StringColumn name = StringColumn.create("protocol");
            DoubleColumn seed = DoubleColumn.create("seed");
            DoubleColumn rho = DoubleColumn.create("abs_rho");
            DoubleColumn tau = DoubleColumn.create("abs_tau");
            DoubleColumn sec = DoubleColumn.create("s_per_arch");
            IntColumn failed = IntColumn.create("failed");
            for (Run r : runs) {
                name.append(r.protocol().name());
                seed.append(r.seed());
                rho.append(round(r.correlation().absSpearman()));
                tau.append(round(r.correlation().absKendall()));
                sec.append(Math.round(r.secondsPerArch() * 1000) / 1000.0);
                failed.append(r.failed());
            }
            return Table.create("Frontier runs", name, seed, rho, tau, sec, failed);
        }

        private int seedsPerProtocol() {
            return points().isEmpty() ? 0 : points().get(0).rhos().length;
        }

        private static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }

        private static double mean(double[] v) {
            return Arrays.stream(v).average().orElse(Double.NaN);
        }

        private static double std(double[] v) {
            if (v.length < 2) {
                return 0;
            }
            double m = mean(v);
            return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
        }
    }

    /** Builder; architectures, accuracies, protocols and seeds are required. */
    public static final class Builder {
        private List<? extends Architecture> archs;
        private Accuracies truth;
        private String target;
        private TaskConfig task = TaskConfig.byName("CONF_NB101");
        private List<Protocol> protocols;
        private long[] seeds;
        private ScoreCache cache;
        private ProgressListener progress = ProgressListener.silent();
        private BiConsumer<Protocol, Long> onStart;
        private Cifar10Images images;

        /** Images for the fixed batch (default: CIFAR-10 from the data directory). */
        public Builder optImages(Cifar10Images images) {
            this.images = images;
            return this;
        }

        public Builder setArchitectures(List<? extends Architecture> archs) {
            if (archs == null || archs.size() < 3) {
                throw new IllegalArgumentException("a frontier needs at least 3 architectures to rank");
            }
            this.archs = archs;
            return this;
        }

        public Builder setAccuracies(Accuracies truth) {
            this.truth = Objects.requireNonNull(truth, "accuracies");
            return this;
        }

        /** The accuracy column ranked against (default: the first target, NAS-Bench-201 {@code cifar10_test}). */
        public Builder optTarget(String target) {
            this.target = target;
            return this;
        }

        /** The regression task (default CONF_NB101). */
        public Builder optTask(TaskConfig task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        public Builder setProtocols(List<Protocol> protocols) {
            if (protocols == null || protocols.isEmpty()) {
                throw new IllegalArgumentException("a frontier needs at least one protocol");
            }
            if (protocols.stream().map(Protocol::name).distinct().count() != protocols.size()) {
                throw new IllegalArgumentException("protocol names must be distinct: " + protocols.stream().map(Protocol::name).toList());
            }
            this.protocols = protocols;
            return this;
        }

        public Builder setSeeds(long... seeds) {
            if (seeds.length == 0) {
                throw new IllegalArgumentException("a frontier needs at least one seed");
            }
            this.seeds = seeds;
            return this;
        }

        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        /** Progress within each (protocol, seed) run. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Called before each (protocol, seed) run, e.g. to print a heading. */
        public Builder optOnStart(BiConsumer<Protocol, Long> onStart) {
            this.onStart = onStart;
            return this;
        }

        public Frontier build() {
            if (archs == null || truth == null || protocols == null || seeds == null) {
                throw new IllegalStateException("set architectures, accuracies, protocols and seeds before build()");
            }
            return new Frontier(this);
        }
    }
}
