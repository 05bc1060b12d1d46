package io.gennas4j.search;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.running.WorkerPool;
import io.gennas4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A proxy's score as a search fitness (GenNAS loss: lower is better; zero-cost measures: higher),
 * computed through {@link ScoringRunner}: scores come from and go to the {@link ScoreCache}, so a
 * killed search resumes, and with workers every evaluation is scored in a worker pool started once
 * for the whole search (batches, such as the initial population, in parallel). The proxy must give
 * one value per architecture and seed ({@code SeedPolicy.PER_ARCHITECTURE}): with the sequential
 * policy a value would depend on what was scored before, and a resumed search would diverge.
 *
 * @param <A> the architecture type
 */
public final class ProxyFitness<A extends Architecture> implements Fitness<A> {

    private final Proxy proxy;
    private final ScoreCache cache;
    private final int workers;
    private WorkerPool pool;

    private ProxyFitness(Builder b) {
        this.proxy = b.proxy;
        this.cache = b.cache;
        this.workers = b.workers;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Proxy proxy() {
        return proxy;
    }

    @Override
    public String name() {
        return proxy.name();
    }

    @Override
    public boolean higherIsBetter() {
        return proxy.higherIsBetter();
    }

    @Override
    public Map<String, String> settings() {
        return proxy.settings();
    }

    /**
     * @throws SearchInterruptedException if scoring stopped before every genome had a score (the
     *     thread was interrupted); finished scores are in the cache
     */
    @Override
    public List<Evaluation> evaluate(List<A> genomes) {
        ScoringRunner.Builder b = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.silent());
        // once workers are asked for, every batch goes to them (single children too): one pool
        // for the whole search instead of one per batch; a leaking proxy always runs in workers.
        // Automatic (the default): each batch decides for itself, so the initial population goes
        // to workers and a single child is scored here
        if (workers > 1 || proxy.recycleWorkerAfter() > 0) {
            if (pool == null) {
                pool = WorkerPool.start(proxy, workers > 0 ? workers : WorkerPool.defaultWorkers());
            }
            b.optPool(pool);
        } else {
            b.optWorkers(workers);
        }
        Table t = b.build().run(genomes);
        if (t.rowCount() < genomes.size()) {
            throw new SearchInterruptedException("Scoring stopped after " + t.rowCount() + " of " + genomes.size()
                    + " architectures" + (cache == null ? "" : "; finished scores are in " + cache.file() + ": re-run to resume"));
        }
        List<Evaluation> out = new ArrayList<>(genomes.size());
        for (int r = 0; r < t.rowCount(); r++) {
            String error = t.stringColumn("error").get(r);
            double value = t.doubleColumn("score").isMissing(r) ? Double.NaN : t.doubleColumn("score").get(r);
            out.add(new Evaluation(value, t.doubleColumn("seconds").get(r), t.stringColumn("source").get(r),
                    error.isEmpty() ? null : error));
        }
        return out;
    }

    /** Stops the worker pool, if one was started; the proxy stays open (the caller owns it). */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** Builder: {@code ProxyFitness.builder().setProxy(p).optCache(c).optWorkers(2).build()}. */
    public static final class Builder {
        private Proxy proxy;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;

        public Builder setProxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Worker JVMs for the whole search (N &gt; 1: one pool kept for every batch); 1: in this
         * process; {@link ScoringRunner#AUTOMATIC} (0, the default): each batch as
         * {@link ScoringRunner.Builder#optWorkers(int)} decides. Scores do not depend on it (issue 17).
         */
        public Builder optWorkers(int workers) {
            this.workers = ScoringRunner.checkWorkers(workers);
            return this;
        }

        /** @throws IllegalArgumentException for a proxy whose scores depend on scoring order */
        public <A extends Architecture> ProxyFitness<A> build() {
            Objects.requireNonNull(proxy, "proxy: call setProxy");
            if ("SEQUENTIAL".equals(proxy.settings().get("seed_policy"))) {
                throw new IllegalArgumentException("A search needs scores that do not depend on scoring order: build the proxy"
                        + " with SeedPolicy.PER_ARCHITECTURE (the default), not SEQUENTIAL");
            }
            return new ProxyFitness<>(this);
        }
    }
}
