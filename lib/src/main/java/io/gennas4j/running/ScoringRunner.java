package io.gennas4j.running;

import io.gennas4j.Gennas4j;
import io.gennas4j.proxy.ExitGuard;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores a list of architectures with one proxy and collects a table with columns {@code arch},
 * {@code score}, {@code seconds}, {@code source} ({@code scored} or {@code cache}) and
 * {@code error}, in the order of the list.
 *
 * <ul>
 *   <li>Results are appended to {@link #results()} as they finish, so an interrupted or failed
 *       run keeps everything done so far; a failing architecture is recorded with its error and
 *       the run goes on.
 *   <li>With a {@link ScoreCache}, scores already computed with the same settings are read
 *       instead of trained, and every new score is stored as soon as it exists: a re-run does no
 *       training and a killed run resumes where it stopped.
 *   <li>Architectures are scored in parallel worker JVMs ({@link WorkerPool}): by default one
 *       per core once a run is long enough to repay their start-up, or as many as
 *       {@link Builder#optWorkers(int)} asks. Every scorer uses the same intra-op thread count
 *       ({@link io.gennas4j.proxy.IntraOpThreads}), so a score does not depend on where it was
 *       computed.
 * </ul>
 */
public final class ScoringRunner {

    private final Proxy proxy;
    private final ProgressListener progress;
    private final ScoreCache cache;
    private final int workers; // AUTOMATIC: WorkerPool.defaultWorkers(), started when worth it
    private final double minPoolSeconds;
    private final ScoringBackend sharedPool;
    private final Table results = emptyTable();
    private final List<ProxyScore> scores = new ArrayList<>();
    // The proxy's settings, once: they embed the task JSON and the images' checksum, and computing
    // them for every cache key made reading a large cache several times slower.
    private final Map<String, String> keySettings;

    private ScoringRunner(Builder b) {
        this.proxy = b.proxy;
        this.keySettings = b.proxy.settings();
        this.progress = b.progress;
        this.cache = b.cache;
        this.workers = b.workers;
        this.minPoolSeconds = b.minPoolSeconds;
        this.sharedPool = b.sharedPool;
    }

    /** {@link Builder#optWorkers(int)}'s default: one worker per core, started when a run repays it. */
    public static final int AUTOMATIC = 0;
    /** Architectures the automatic mode scores in this process before it decides (the first pays the warm-up). */
    static final int AUTOMATIC_PROBE = 2;

    /**
     * Checks a worker count as every {@code optWorkers} takes it: 0 automatic, 1 in this process,
     * N &gt; 1 workers.
     *
     * @throws IllegalArgumentException if {@code workers < 0}
     */
    public static int checkWorkers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0: automatic, 1: in this process), got " + workers);
        }
        return workers;
    }

    /** Default of {@link Builder#optMinPoolSeconds(double)}, seconds. */
    public static final double DEFAULT_MIN_POOL_SECONDS = 10;

    public static Builder builder() {
        return new Builder();
    }

    static Table emptyTable() {
        return Table.create("scores", StringColumn.create("arch"), DoubleColumn.create("score"),
                DoubleColumn.create("seconds"), StringColumn.create("source"), StringColumn.create("error"));
    }

    /** Everything finished so far (completion order), also after an interruption. */
    public Table results() {
        return results;
    }

    /** The scores with their traces, in completion order. */
    public List<ProxyScore> scores() {
        return List.copyOf(scores);
    }

    /** The cache key of an architecture under this runner's proxy. */
    public CacheKey key(Architecture arch) {
        return key(arch, proxy.settings());
    }

    private CacheKey key(Architecture arch, Map<String, String> settings) {
        return CacheKey.of(arch.space().name(), arch.encoding(), proxy.name(), settings, Gennas4j.version());
    }

    /**
     * Scores {@code archs}. Stops early, keeping what is finished, if the thread is interrupted.
     *
     * @return the finished rows in the order of {@code archs}
     */
    public Table run(List<? extends Architecture> archs) {
        long start = System.nanoTime();
        int[] done = {0};
        ProxyScore[] byIndex = new ProxyScore[archs.size()];
        boolean[] fromCache = new boolean[archs.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            Optional<ProxyScore> hit = cache == null ? Optional.empty() : cache.get(key(archs.get(i), keySettings));
            if (hit.isPresent()) {
                byIndex[i] = hit.get();
                fromCache[i] = true;
                add(hit.get(), true);
                progress.onScore(++done[0], archs.size(), hit.get(), elapsed(start));
            } else {
                pending.add(i);
            }
        }
        boolean isolate = proxy.recycleWorkerAfter() > 0; // a leaking proxy never runs in this JVM
        ScoringBackend sharedPool = this.sharedPool;
        ScoringBackend fromEnvironment = null;
        if (sharedPool == null && !pending.isEmpty() && ScoringBackend.environmentMaster() != null && isolate) {
            System.out.println(proxy.name() + " leaks native memory per architecture: scored in recycled local workers, not on "
                    + ScoringBackend.environmentMaster());
        } else if (sharedPool == null && !pending.isEmpty() && ScoringBackend.environmentMaster() != null) {
            // GENNAS4J_SPARK: everything not cached is scored on that cluster (README › Scaling out)
            sharedPool = fromEnvironment = ScoringBackend.open(ScoringBackend.environmentMaster(), proxy);
        }
        try {
            return runPending(archs, pending, byIndex, fromCache, done, start, isolate, sharedPool);
        } finally {
            if (fromEnvironment != null) {
                fromEnvironment.close();
            }
        }
    }

    private Table runPending(List<? extends Architecture> archs, List<Integer> pending, ProxyScore[] byIndex, boolean[] fromCache,
            int[] done, long start, boolean isolate, ScoringBackend sharedPool) {
        boolean shared = sharedPool != null; // the pool recycles leaking workers itself
        List<Integer> inWorkers = List.of();
        if (shared || isolate || workers > 1) {
            inWorkers = pending;
        } else if (workers == AUTOMATIC && pending.size() > AUTOMATIC_PROBE && WorkerPool.defaultWorkers() > 1) {
            // automatic: score two here (the first pays the warm-up), and start workers for the
            // rest only if the rest would take longer here than their start-up is worth; the
            // scores are the same either way (issue 17)
            List<Integer> probe = pending.subList(0, AUTOMATIC_PROBE);
            scoreHere(archs, probe, byIndex, done, start);
            ProxyScore last = byIndex[probe.get(AUTOMATIC_PROBE - 1)];
            List<Integer> rest = pending.subList(AUTOMATIC_PROBE, pending.size());
            if (last != null && rest.size() * last.seconds() >= minPoolSeconds) {
                inWorkers = rest;
            } else {
                scoreHere(archs, rest, byIndex, done, start);
            }
        } else {
            scoreHere(archs, pending, byIndex, done, start);
        }
        if (!inWorkers.isEmpty() && !Thread.currentThread().isInterrupted()) {
            List<Integer> todoIndex = inWorkers;
            List<Architecture> todo = new ArrayList<>();
            todoIndex.forEach(i -> todo.add(archs.get(i)));
            ScoringBackend pool = shared ? sharedPool
                    : WorkerPool.start(proxy, Math.min(workers > 0 ? workers : WorkerPool.defaultWorkers(), todo.size()));
            try {
                pool.score(todo, (k, s) -> {
                    int i = todoIndex.get(k);
                    finish(archs.get(i), s);
                    byIndex[i] = s;
                    progress.onScore(++done[0], archs.size(), s, elapsed(start));
                });
            } finally {
                if (!shared) {
                    pool.close();
                }
            }
        }
        if (done[0] < archs.size()) {
            System.out.println("Interrupted: kept " + done[0] + " of " + archs.size() + " scores"
                    + (cache != null ? " (finished scores are in the cache: re-run to resume)" : ""));
        }
        Table ordered = emptyTable();
        for (int i = 0; i < archs.size(); i++) {
            if (byIndex[i] != null) {
                append(ordered, byIndex[i], fromCache[i]);
            }
        }
        return ordered;
    }

    private void scoreHere(List<? extends Architecture> archs, List<Integer> indices, ProxyScore[] byIndex, int[] done, long start) {
        for (int i : indices) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            ProxyScore s;
            try (ExitGuard.Section guard = ExitGuard.enter()) { // a JVM exit waits until the score is in the cache
                s = proxy.score(archs.get(i));
                finish(archs.get(i), s);
            }
            byIndex[i] = s;
            progress.onScore(++done[0], archs.size(), s, elapsed(start));
        }
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private void finish(Architecture arch, ProxyScore s) {
        if (cache != null) {
            cache.put(key(arch, keySettings), s);
        }
        add(s, false);
    }

    private void add(ProxyScore s, boolean cached) {
        scores.add(s);
        append(results, s, cached);
    }

    private static void append(Table t, ProxyScore s, boolean cached) {
        t.stringColumn("arch").append(s.arch());
        if (s.ok()) {
            t.doubleColumn("score").append(s.value());
        } else {
            t.doubleColumn("score").appendMissing();
        }
        t.doubleColumn("seconds").append(s.seconds());
        t.stringColumn("source").append(cached ? "cache" : "scored");
        t.stringColumn("error").append(s.error() == null ? "" : s.error());
    }

    /** Builder: {@code ScoringRunner.builder().setProxy(p).optCache(c).optWorkers(2).build()}. */
    public static final class Builder {
        private Proxy proxy;
        private ProgressListener progress = ProgressListener.console(10);
        private ScoreCache cache;
        private int workers = AUTOMATIC;
        private double minPoolSeconds = DEFAULT_MIN_POOL_SECONDS;
        private ScoringBackend sharedPool;

        public Builder setProxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Reads finished scores from, and stores new ones in, this cache. */
        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Worker JVMs to score in parallel: 1 scores in this process (a proxy that leaks native
         * memory, such as grasp, still runs in one recycled worker), N &gt; 1 always in N workers.
         * {@link #AUTOMATIC} (0, the default): {@link WorkerPool#defaultWorkers()} workers (one per
         * core), started only when the run is long enough to repay their start-up: the first two
         * architectures are scored here, and workers take the rest if the rest would take at least
         * {@link #optMinPoolSeconds(double)} here at the second one's pace. Every scorer uses
         * {@link io.gennas4j.proxy.IntraOpThreads#policy()} threads, so the scores do not depend on
         * this choice (issue 17).
         *
         * @throws IllegalArgumentException if {@code workers < 0}
         */
        public Builder optWorkers(int workers) {
            this.workers = checkWorkers(workers);
            return this;
        }

        /**
         * With automatic workers: start them when the rest of the run would take at least this
         * many seconds in this process (default {@value #DEFAULT_MIN_POOL_SECONDS}: a worker JVM
         * takes a few seconds to start and load PyTorch).
         */
        public Builder optMinPoolSeconds(double seconds) {
            this.minPoolSeconds = seconds;
            return this;
        }

        /**
         * Scores in this already started pool (left open: the caller owns it) instead of starting
         * workers per run; for callers that run many small batches, such as a search. The pool
         * must have been started with this runner's proxy.
         */
        public Builder optPool(WorkerPool pool) {
            this.sharedPool = pool;
            return this;
        }

        /**
         * Scores everything not in the cache on this backend (left open: the caller owns it), e.g.
         * a Spark cluster ({@link ScoringBackend#open(String, Proxy)}); the cache, order, progress
         * and table are this runner's as with workers. The backend must score with this runner's
         * proxy.
         */
        public Builder optBackend(ScoringBackend backend) {
            this.sharedPool = backend;
            return this;
        }

        /** @throws IllegalArgumentException if a shared pool was started for another proxy */
        public ScoringRunner build() {
            Objects.requireNonNull(proxy, "proxy");
            if (sharedPool != null && !sharedPool.settings().equals(proxy.settings())) {
                throw new IllegalArgumentException("The worker pool or backend was started for proxy " + sharedPool.settings().get("proxy")
                        + " with other settings than " + proxy.name() + ": start it with this proxy (WorkerPool.start(proxy, ...), ScoringBackend.open(master, proxy))");
            }
            return new ScoringRunner(this);
        }
    }
}
