package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.ranking.DegenerateScores;
import io.gennas4j.ranking.RankCorrelation;
import io.gennas4j.ranking.RankingMetrics;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fitness of a GenNAS task configuration (spec §4): train each of a few labelled
 * architectures (GenNAS: 20) on the task with the regression proxy and take |Spearman ρ| between
 * their losses and their accuracies (higher is better). Every candidate gets a fresh task instance
 * (its own batch and targets), as the paper does: the proxy seed is derived from this fitness's
 * seed and the task's JSON, so the value is a function of the task alone and can be cached. The
 * architectures' scores go through {@link ScoringRunner} and the score cache, so a killed task
 * search loses at most one architecture's training.
 */
public final class TaskFitness implements Fitness<TaskConfig> {

    private final List<? extends Architecture> archs;
    private final Accuracies accuracies;
    private final String target;
    private final double[] truth;
    private final Protocol protocol;
    private final long seed;
    private final ScoreCache cache;
    private final int workers;
    private final Cifar10Images images;

    private TaskFitness(Builder b) {
        this.archs = List.copyOf(b.archs);
        this.accuracies = b.accuracies;
        this.target = b.target;
        this.protocol = b.protocol;
        this.seed = b.seed;
        this.cache = b.cache;
        this.workers = b.workers;
        this.images = b.images;
        this.truth = new double[archs.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = accuracies.accuracy(archs.get(i), target); // fails early for an unlabelled architecture
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "task |rho|";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fitness", "task-spearman");
        s.put("space", accuracies.space());
        s.put("target", target);
        s.put("archs", String.valueOf(archs.size()));
        s.put("archs_hash", Integer.toHexString(archs.stream().map(Architecture::encoding).toList().hashCode()));
        s.put("protocol", Protocol.label(protocol.channels(), protocol.cellsPerStage(), protocol.iterations(),
                protocol.batchSize(), protocol.evalInterval()));
        s.put("seed", String.valueOf(seed));
        s.put("images", images == null ? "default" : images.fingerprint());
        return s;
    }

    /** The proxy seed of a candidate task: this fitness's seed combined with the task's JSON. */
    public long taskSeed(TaskConfig task) {
        return SeedPolicy.architectureSeed(seed, TaskGenomes.INSTANCE.encode(task));
    }

    /** The proxy that scores the architectures for {@code task} (the caller closes it). */
    public RegressionProxy proxy(TaskConfig task) {
        RegressionProxy.Builder b = RegressionProxy.builder().setTask(task).optProtocol(protocol).optSeed(taskSeed(task));
        if (images != null) {
            b.optImages(images);
        }
        return b.build();
    }

    @Override
    public List<Evaluation> evaluate(List<TaskConfig> tasks) {
        List<Evaluation> out = new ArrayList<>();
        for (TaskConfig task : tasks) {
            try (RegressionProxy proxy = proxy(task);
                    ProxyFitness<Architecture> scorer = ProxyFitness.builder().setProxy(proxy).optCache(cache)
                            .optWorkers(workers).<Architecture>build()) {
                out.add(absSpearman(scorer.evaluate(new ArrayList<>(archs)), truth));
            }
        }
        return out;
    }

    /**
     * The full ranking-metric suite of {@code task} on the labelled architectures — its fitness is
     * this {@code absSpearman()} — with the bootstrap interval that shows how little 20
     * architectures pin ρ down. Reads the scores from the cache when the search made them
     * (otherwise trains the architectures again, with the same seeds).
     */
    public RankingMetrics metrics(TaskConfig task) {
        try (RegressionProxy proxy = proxy(task);
                ProxyFitness<Architecture> scorer = ProxyFitness.builder().setProxy(proxy).optCache(cache)
                        .optWorkers(workers).<Architecture>build()) {
            List<Evaluation> scores = scorer.evaluate(new ArrayList<>(archs));
            double[] losses = new double[scores.size()];
            for (int r = 0; r < losses.length; r++) {
                losses[r] = scores.get(r).value();
            }
            // DROP, as the fitness's Spearman leaves out an architecture that failed to score
            return RankingMetrics.of(losses, truth, false, RankingMetrics.Settings.DEFAULT.withDegenerate(DegenerateScores.DROP));
        }
    }

    /**
     * A task's fitness from its architectures' scores: |Spearman ρ| between the losses and
     * {@code truth}, with the seconds summed; NaN (with the reason) when it is undefined. Shared by
     * the CNN and the NLP task fitness.
     */
    static Evaluation absSpearman(List<Evaluation> scores, double[] truth) {
        double[] losses = new double[scores.size()];
        double seconds = 0;
        for (int r = 0; r < losses.length; r++) {
            losses[r] = scores.get(r).value();
            seconds += scores.get(r).seconds();
        }
        double rho = Math.abs(RankCorrelation.spearman(losses, truth));
        return Double.isNaN(rho) ? new Evaluation(Double.NaN, seconds, "scored", "fewer than 2 architectures scored, or constant losses")
                : Evaluation.scored(rho, seconds);
    }

    /** Builder: {@code TaskFitness.builder().setArchitectures(a, truth, "cifar10_test").optProtocol(p).build()}. */
    public static final class Builder {
        private List<? extends Architecture> archs;
        private Accuracies accuracies;
        private String target;
        private Protocol protocol = Protocol.FAST;
        private long seed = 111;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private Cifar10Images images;

        /** The labelled architectures and the accuracy ({@code target}) they are ranked against. */
        public Builder setArchitectures(List<? extends Architecture> archs, Accuracies accuracies, String target) {
            this.archs = archs;
            this.accuracies = accuracies;
            this.target = target;
            return this;
        }

        /** The regression proxy's protocol (default: the fast preset). */
        public Builder optProtocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        /** The seed every candidate's proxy seed is derived from. */
        public Builder optSeed(long seed) {
            this.seed = seed;
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

        public Builder optImages(Cifar10Images images) {
            this.images = images;
            return this;
        }

        /**
         * @throws IllegalArgumentException for fewer than 3 architectures, an unknown target, or an
         *     architecture without that accuracy
         */
        public TaskFitness build() {
            if (archs == null || archs.size() < 3) {
                throw new IllegalArgumentException("A task fitness ranks at least 3 labelled architectures (GenNAS: 20), got "
                        + (archs == null ? 0 : archs.size()));
            }
            Objects.requireNonNull(accuracies, "accuracies");
            if (!accuracies.targets().contains(target)) {
                throw new IllegalArgumentException("Unknown target '" + target + "': use one of " + accuracies.targets());
            }
            return new TaskFitness(this);
        }
    }
}
