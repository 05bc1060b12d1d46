package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.proxy.SequenceRegressionProxy;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.task.SequenceTaskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The fitness of an NLP task configuration (spec §4, NLP variant): train each of a few labelled
 * NAS-Bench-NLP cells (GenNAS: 20) on the task with {@link SequenceRegressionProxy} and take
 * |Spearman ρ| between their final losses and their PTB log-perplexities (higher is better).
 * Every candidate gets its own task instance, seeded from this fitness's seed and the task's JSON,
 * so the value is a function of the task and can be cached; the cells' scores go through the
 * score cache and {@link ScoringRunner}.
 */
public final class SequenceTaskFitness implements Fitness<SequenceTaskConfig> {

    private final List<? extends Architecture> cells;
    private final double[] truth;
    private final String space;
    private final long seed;
    private final ScoreCache cache;
    private final int workers;
    private final UnaryOperator<SequenceRegressionProxy.Builder> protocol;
    private final String protocolName;

    private SequenceTaskFitness(Builder b) {
        this.cells = List.copyOf(b.cells);
        this.space = b.accuracies.space();
        this.seed = b.seed;
        this.cache = b.cache;
        this.workers = b.workers;
        this.protocol = b.protocol;
        this.protocolName = b.protocolName;
        this.truth = new double[cells.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = b.accuracies.accuracy(cells.get(i), b.target);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "nlp task |rho|";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fitness", "nlp-task-spearman");
        s.put("space", space);
        s.put("archs", String.valueOf(cells.size()));
        s.put("archs_hash", Integer.toHexString(cells.stream().map(Architecture::encoding).toList().hashCode()));
        s.put("protocol", protocolName);
        s.put("seed", String.valueOf(seed));
        return s;
    }

    /** The proxy that scores the cells for {@code task} (the caller closes it). */
    public SequenceRegressionProxy proxy(SequenceTaskConfig task) {
        return protocol.apply(SequenceRegressionProxy.builder().setTask(task)
                .optSeed(SeedPolicy.architectureSeed(seed, SequenceTaskGenomes.INSTANCE.encode(task)))).build();
    }

    @Override
    public List<Evaluation> evaluate(List<SequenceTaskConfig> tasks) {
        List<Evaluation> out = new ArrayList<>();
        for (SequenceTaskConfig task : tasks) {
            try (SequenceRegressionProxy proxy = proxy(task);
                    ProxyFitness<Architecture> scorer = ProxyFitness.builder().setProxy(proxy).optCache(cache)
                            .optWorkers(workers).<Architecture>build()) {
                out.add(TaskFitness.absSpearman(scorer.evaluate(new ArrayList<>(cells)), truth));
            }
        }
        return out;
    }

    /** Builder: {@code SequenceTaskFitness.builder().setCells(cells, table.accuracies(), "ptb_test").build()}. */
    public static final class Builder {
        private List<? extends Architecture> cells;
        private Accuracies accuracies;
        private String target;
        private long seed = 111;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private UnaryOperator<SequenceRegressionProxy.Builder> protocol = UnaryOperator.identity();
        private String protocolName = "paper";

        /** The labelled cells and the target they are ranked against. */
        public Builder setCells(List<? extends Architecture> cells, Accuracies accuracies, String target) {
            this.cells = cells;
            this.accuracies = accuracies;
            this.target = target;
            return this;
        }

        /**
         * A cheaper (or other) training protocol than the paper's, applied to every candidate's
         * proxy builder, with a name for the settings (e.g. {@code "it30"} for
         * {@code b -> b.optIterations(30)}).
         */
        public Builder optProtocol(String name, UnaryOperator<SequenceRegressionProxy.Builder> protocol) {
            this.protocolName = Objects.requireNonNull(name);
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optCache(ScoreCache cache) {
            this.cache = cache;
            return this;
        }

        /** Worker JVMs: 1 in this process, 0 (default) automatic. */
        public Builder optWorkers(int workers) {
            this.workers = ScoringRunner.checkWorkers(workers);
            return this;
        }

        /** @throws IllegalArgumentException for fewer than 3 cells or an unknown target */
        public SequenceTaskFitness build() {
            if (cells == null || cells.size() < 3) {
                throw new IllegalArgumentException("An NLP task fitness ranks at least 3 labelled cells (GenNAS: 20), got "
                        + (cells == null ? 0 : cells.size()));
            }
            Objects.requireNonNull(accuracies, "accuracies");
            if (!accuracies.targets().contains(target)) {
                throw new IllegalArgumentException("Unknown target '" + target + "': use one of " + accuracies.targets());
            }
            return new SequenceTaskFitness(this);
        }
    }
}
