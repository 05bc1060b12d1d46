package io.gennas4j.running;

import io.gennas4j.Gennas4j;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>With more than one worker, architectures are scored in parallel worker JVMs
 *       ({@link WorkerPool}).
 * </ul>
 */
public final class ScoringRunner {

    private final Proxy proxy;
    private final ProgressListener progress;
    private final ScoreCache cache;
    private final int workers;
    private final int threadsPerWorker;
    private final WorkerPool sharedPool;
    private final Table results = emptyTable();
    private final List<ProxyScore> scores = new ArrayList<>();

    private ScoringRunner(Builder b) {
        this.proxy = b.proxy;
        this.progress = b.progress;
        this.cache = b.cache;
        this.workers = b.workers;
        this.threadsPerWorker = b.threadsPerWorker;
        this.sharedPool = b.sharedPool;
    }

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
        return CacheKey.of(arch.space().name(), arch.encoding(), proxy.name(), proxy.settings(), Gennas4j.version());
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
            Optional<ProxyScore> hit = cache == null ? Optional.empty() : cache.get(key(archs.get(i)));
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
        boolean shared = sharedPool != null; // the pool recycles leaking workers itself
        if (!pending.isEmpty() && (shared || workers > 1 || isolate)) {
            List<Architecture> todo = new ArrayList<>();
            pending.forEach(i -> todo.add(archs.get(i)));
            int threads = workers > 1 ? threadsPerWorker : Runtime.getRuntime().availableProcessors();
            WorkerPool pool = shared ? sharedPool : WorkerPool.start(proxy, Math.min(workers, todo.size()), threads);
            try {
                pool.score(todo, (k, s) -> {
                    int i = pending.get(k);
                    finish(archs.get(i), s);
                    byIndex[i] = s;
                    progress.onScore(++done[0], archs.size(), s, elapsed(start));
                });
            } finally {
                if (!shared) {
                    pool.close();
                }
            }
        } else {
            for (int i : pending) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                ProxyScore s = proxy.score(archs.get(i));
                finish(archs.get(i), s);
                byIndex[i] = s;
                progress.onScore(++done[0], archs.size(), s, elapsed(start));
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

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private void finish(Architecture arch, ProxyScore s) {
        if (cache != null) {
            cache.put(key(arch), s);
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
        private int workers = 1;
        private int threadsPerWorker = 1;
        private WorkerPool sharedPool;

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
         * Worker JVMs to score in parallel (1: in this process). Each gets
         * {@code threadsPerWorker} PyTorch intra-op threads; match workers × threads to the cores.
         */
        public Builder optWorkers(int workers, int threadsPerWorker) {
            if (workers < 1 || threadsPerWorker < 1) {
                throw new IllegalArgumentException("workers and threads per worker must be >= 1");
            }
            this.workers = workers;
            this.threadsPerWorker = threadsPerWorker;
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

        /** @throws IllegalArgumentException if a shared pool was started for another proxy */
        public ScoringRunner build() {
            Objects.requireNonNull(proxy, "proxy");
            if (sharedPool != null && !sharedPool.settings().equals(proxy.settings())) {
                throw new IllegalArgumentException("The worker pool was started for proxy " + sharedPool.settings().get("proxy")
                        + " with other settings than " + proxy.name() + ": start a pool with this proxy (WorkerPool.start(proxy, ...))");
            }
            return new ScoringRunner(this);
        }
    }
}
