package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.EproxyProxy;
import io.gennas4j.ranking.RankCorrelation;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.eproxy.EproxyTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fitness of an Eproxy configuration in Discrete Proxy Search (spec §7.3): score a few
 * labelled architectures (Eproxy: 20) with the configuration and take corr = −Spearman(score,
 * accuracy) (higher is better: a positive value means low scores predict high accuracy). Every
 * candidate shares one set of target maps and the same per-architecture seeds, so candidates
 * differ only in their settings. Architecture scores go through the score cache.
 *
 * <p>NaN (B.8 item 5): a candidate whose correlation is undefined gets −1 in both parent
 * selection and best tracking (the reference applies it to best tracking only, a documented
 * deviation). A candidate under which an architecture diverges gets −1 too by default
 * ({@link Divergence#FITNESS_MINUS_ONE}: the reference's scipy Spearman turns one NaN score into
 * a NaN correlation); {@link Divergence#RANK_LAST} ranks the diverged architecture last instead.
 */
public final class EproxyFitness implements Fitness<EproxyConfig> {

    /** What a diverged architecture (non-finite score) does to its candidate's fitness. */
    public enum Divergence {
        /** The candidate's fitness is −1 (the reference's outcome). */
        FITNESS_MINUS_ONE,
        /** The architecture ranks after every other. */
        RANK_LAST
    }

    /** The fitness of a candidate whose correlation is undefined or whose scoring diverged. */
    public static final double UNDEFINED = -1;

    private final List<? extends Architecture> archs;
    private final Accuracies accuracies;
    private final String target;
    private final double[] truth;
    private final NetworkSize size;
    private final long seed;
    private final ScoreCache cache;
    private final int workers;
    private final Cifar10Images images;
    private final Divergence divergence;
    private final EproxyTargets targets;

    private EproxyFitness(Builder b) {
        this.archs = List.copyOf(b.archs);
        this.accuracies = b.accuracies;
        this.target = b.target;
        this.size = b.size;
        this.seed = b.seed;
        this.cache = b.cache;
        this.workers = b.workers;
        this.images = b.images;
        this.divergence = b.divergence;
        this.truth = new double[archs.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = accuracies.accuracy(archs.get(i), target);
        }
        if (b.targets != null) {
            this.targets = b.targets;
        } else {
            try (EproxyProxy p = proxyBuilder(EproxyConfig.defaults()).build()) {
                this.targets = p.targets();
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "-spearman";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fitness", "dps-neg-spearman");
        s.put("space", accuracies.space());
        s.put("target", target);
        s.put("archs", String.valueOf(archs.size()));
        s.put("archs_hash", Integer.toHexString(archs.stream().map(Architecture::encoding).toList().hashCode()));
        s.put("channels", size == null ? "benchmark" : String.valueOf(size.channels()));
        s.put("cells_per_stage", size == null ? "benchmark" : String.valueOf(size.cellsPerStage()));
        s.put("seed", String.valueOf(seed));
        s.put("divergence", divergence.name());
        s.put("targets", targets.fingerprint());
        s.put("images", images == null ? "default" : images.fingerprint());
        return s;
    }

    /** The shared target maps. */
    public EproxyTargets targets() {
        return targets;
    }

    private EproxyProxy.Builder proxyBuilder(EproxyConfig config) {
        EproxyProxy.Builder b = EproxyProxy.builder().setConfig(config).optSeed(seed);
        if (size != null) {
            b.optNetworkSize(size);
        }
        if (images != null) {
            b.optImages(images);
        }
        return b;
    }

    /** The proxy that scores the architectures for {@code config} (the caller closes it). */
    public EproxyProxy proxy(EproxyConfig config) {
        return proxyBuilder(config).optTargets(targets).build();
    }

    @Override
    public List<Evaluation> evaluate(List<EproxyConfig> configs) {
        List<Evaluation> out = new ArrayList<>();
        for (EproxyConfig config : configs) {
            try (EproxyProxy proxy = proxy(config);
                    ProxyFitness<Architecture> scorer = ProxyFitness.builder().setProxy(proxy).optCache(cache)
                            .optWorkers(workers).<Architecture>build()) {
                List<Evaluation> scores = scorer.evaluate(new ArrayList<>(archs));
                double[] s = new double[archs.size()];
                double seconds = 0;
                boolean diverged = false;
                String failure = null;
                for (int r = 0; r < s.length; r++) {
                    s[r] = scores.get(r).value();
                    seconds += scores.get(r).seconds();
                    if (scores.get(r).error() != null) {
                        failure = archs.get(r).encoding() + ": " + scores.get(r).error();
                    } else {
                        diverged |= s[r] >= EproxyProxy.FAILED_SCORE; // the proxy's substitute for a non-finite score
                    }
                }
                if (failure != null) { // an error, not a divergence: say so in the history
                    out.add(new Evaluation(UNDEFINED, seconds, "scored", "an architecture failed: " + failure));
                    continue;
                }
                if (diverged && divergence == Divergence.FITNESS_MINUS_ONE) {
                    out.add(new Evaluation(UNDEFINED, seconds, "scored", "an architecture diverged (non-finite loss)"));
                    continue;
                }
                double corr = -RankCorrelation.spearman(s, truth);
                out.add(Double.isNaN(corr)
                        ? new Evaluation(UNDEFINED, seconds, "scored", "undefined correlation (constant scores)")
                        : Evaluation.scored(corr, seconds));
            }
        }
        return out;
    }

    /** Builder: {@code EproxyFitness.builder().setArchitectures(a, truth, "nb101").build()}. */
    public static final class Builder {
        private List<? extends Architecture> archs;
        private Accuracies accuracies;
        private String target;
        private NetworkSize size;
        private long seed = 111;
        private ScoreCache cache;
        private int workers = ScoringRunner.AUTOMATIC;
        private Cifar10Images images;
        private Divergence divergence = Divergence.FITNESS_MINUS_ONE;
        private EproxyTargets targets;

        /** The labelled architectures and the accuracy ({@code target}) they are ranked against. */
        public Builder setArchitectures(List<? extends Architecture> archs, Accuracies accuracies, String target) {
            this.archs = archs;
            this.accuracies = accuracies;
            this.target = target;
            return this;
        }

        /** Network size of every candidate (default: the benchmark's, as Eproxy scores). */
        public Builder optNetworkSize(NetworkSize size) {
            this.size = size;
            return this;
        }

        /** The proxies' seed (input batch and per-architecture streams), the same for every candidate. */
        public Builder optSeed(long seed) {
            this.seed = seed;
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

        public Builder optImages(Cifar10Images images) {
            this.images = images;
            return this;
        }

        public Builder optDivergence(Divergence divergence) {
            this.divergence = Objects.requireNonNull(divergence);
            return this;
        }

        /** Shares target maps already built for this seed's batch. */
        public Builder optTargets(EproxyTargets targets) {
            this.targets = targets;
            return this;
        }

        /**
         * @throws IllegalArgumentException for fewer than 3 architectures, an unknown target, or an
         *     architecture without that accuracy
         */
        public EproxyFitness build() {
            if (archs == null || archs.size() < 3) {
                throw new IllegalArgumentException("DPS ranks at least 3 labelled architectures (Eproxy: 20), got "
                        + (archs == null ? 0 : archs.size()));
            }
            Objects.requireNonNull(accuracies, "accuracies");
            if (!accuracies.targets().contains(target)) {
                throw new IllegalArgumentException("Unknown target '" + target + "': use one of " + accuracies.targets());
            }
            return new EproxyFitness(this);
        }
    }
}
