package io.gennas4j.proxy.eproxy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.nn.MacCounter;
import io.gennas4j.proxy.ExitGuard;
import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyBuilder;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.InputBatch;
import io.gennas4j.task.eproxy.EproxyTargets;
import io.gennas4j.training.KernelDecaySgd;
import io.gennas4j.training.Losses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Eproxy (GenNAS-Zero; spec §7.2 with {@code transnas-eproxy.md} B.8): train the untrained
 * architecture for 10 SGD iterations, in training mode, to regress fixed target maps through an
 * untrainable barrier convolution; the score is the barrier outputs' error on the 10th forward pass
 * (before that step's update), Σ_i MSE_i / 2^i over the branches (branch 0, the deepest, weight 1),
 * optionally discounted by the backbone's MACs: score = L_e · (1 − α·MACs/MACs_max). Lower
 * predicts higher accuracy.
 *
 * <pre>{@code
 * try (EproxyProxy proxy = EproxyProxy.builder().setConfig(EproxyConfig.defaults()).build()) {
 *     ProxyScore s = proxy.score(Nb101Table.load().archs().get(0));
 * }
 * }</pre>
 *
 * <p>Per architecture: the backbone (at the benchmark's width by default: NAS-Bench-101 C=128,
 * NAS-Bench-201 C=16 with 5 cells) and the heads are built and initialised with the
 * configuration's {@code init_net}; the backbone's MACs are counted (ptflops rules, one 3×32×32
 * image); a barrier is built with fresh random weights ({@code init_barrier}) and frozen; then
 * 10 iterations of SGD (momentum 0.9, weight decay 4e-5 on conv/linear kernels) on the training
 * loss Σ_i MSE_i with equal weights. The input is one fixed batch of 16 CIFAR-10 images with
 * RandomCrop(32, 4), a horizontal flip and Eproxy's normalisation, no noise; the targets are the
 * {@link EproxyTargets} shared by every architecture. Random streams are reseeded from (seed,
 * architecture) before each one ({@link SeedPolicy#PER_ARCHITECTURE}).
 *
 * <p>Deviations (named): the batch comes from the shared CIFAR-10 test images, not a random
 * training batch; the target maps are re-generated per Part B; the 10th backward pass and update
 * are skipped, since the score is read before them (the score is unchanged). A non-finite score
 * (divergence) becomes {@link #FAILED_SCORE} + U(0, 1), so it ranks after every finite score; the
 * trace keeps the raw values.
 *
 * <p>Not thread-safe: scoring reseeds the engine's global random stream (as every proxy here,
 * it is used by one thread; parallelism comes from worker processes).
 */
public final class EproxyProxy implements Proxy {

    /** Substitute for a non-finite score: ranks after every finite one. */
    public static final double FAILED_SCORE = 1e9;

    /**
     * MACs_max of the reference's look-up table (spec §7.2 step 8, B.8 item 3): the maximum MACs
     * over the reference's evaluation subset of each space, ptflops rules, 3×32×32 input. TransNAS
     * macro: the {@code transmicro*} entry, 1,505,384,448 (the released TransNAS runs scored the
     * macro codes; MACs/MACs_max reaches 1.3757). TransNAS micro has no entry; 206,993,408, the
     * largest micro cell at 32×32 with the {@code 41412} substitution, is the assumption of
     * transnas-eproxy.md B.8 item 4. The benchmark builds (no substitution) have no entry.
     * {@code nb201-functional} shares nb201's: its largest cell (every edge a 3×3 convolution)
     * has no all-zero node, so pruning does not change it.
     */
    public static final Map<String, Double> MACS_MAX = Map.of("nb101", 7218069504.0, "nb201", 187166720.0,
            "nb201-functional", 187166720.0, "transnas-macro", 1505384448.0, "transnas-micro", 206993408.0);

    private final Builder settings;
    private final Cifar10Images images;
    private final NDManager manager;
    private final InputBatch batch;
    private final EproxyTargets targets;
    private final NDArray input;
    private final NDArray[] branchTargets;

    private EproxyProxy(Builder b) {
        IntraOpThreads.apply(); // what is computed at build time (batch, targets) uses the same count
        io.gennas4j.Gennas4j.checkNativeSettings();
        this.settings = b.copy();
        this.images = b.images() != null ? b.images() : Cifar10Images.load();
        this.batch = InputBatch.draw(images, EproxyTargets.BATCH, b.seed(), b.flip, b.cropPadding, InputBatch.EPROXY_MEAN,
                InputBatch.EPROXY_STD);
        if (b.targets != null && !b.targets.batchKey().equals(EproxyTargets.batchKey(batch))) {
            throw new IllegalArgumentException("The given Eproxy targets were made for another input batch (batch key "
                    + b.targets.batchKey() + ", this proxy's is " + EproxyTargets.batchKey(batch)
                    + "): build them from this proxy's batch, or leave optTargets unset");
        }
        this.manager = NDManager.newBaseManager();
        try {
            if (b.targets != null) {
                this.targets = b.targets;
            } else {
                Path dir = b.targetsDirectory != null ? b.targetsDirectory : EproxyTargets.defaultDirectory();
                this.targets = EproxyTargets.loadOrGenerate(dir, batch, b.targetsSeed, manager);
            }
            this.input = manager.create(batch.images(), new Shape(EproxyTargets.BATCH, 3, batch.side(), batch.side()));
            List<EproxyConfig.Branch> active = b.config.active();
            branchTargets = new NDArray[active.size()];
            for (int i = 0; i < branchTargets.length; i++) {
                EproxyConfig.Branch br = active.get(i);
                branchTargets[i] = manager.create(targets.target(br.features(), br.lastChannels(), br.level()),
                        new Shape(EproxyTargets.BATCH, br.lastChannels(), EproxyModel.SIZE, EproxyModel.SIZE));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "eproxy";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    public EproxyConfig config() {
        return settings.config;
    }

    /** The shared target maps. */
    public EproxyTargets targets() {
        return targets;
    }

    /** The fixed input batch. */
    public InputBatch batch() {
        return batch;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proxy", name());
        m.put("config", settings.config.toJson());
        m.put("channels", settings.networkSize() == null ? "space default" : String.valueOf(settings.networkSize().channels()));
        m.put("cells_per_stage", settings.networkSize() == null ? "space default" : String.valueOf(settings.networkSize().cellsPerStage()));
        m.put("iterations", String.valueOf(settings.iterations));
        m.put("momentum", String.valueOf(settings.momentum));
        m.put("weight_decay", String.valueOf(settings.weightDecay));
        m.put("crop_padding", String.valueOf(settings.cropPadding));
        m.put("flip", String.valueOf(settings.flip));
        m.put("macs_max", settings.macsMax == null ? "space default" : String.valueOf(settings.macsMax));
        m.put("seed", String.valueOf(settings.seed()));
        m.put("targets_seed", String.valueOf(settings.targetsSeed));
        m.put("targets", targets.fingerprint());
        m.put("images", images.fingerprint());
        return m;
    }

    @Override
    public Path imagesFile() {
        return images.source();
    }

    /**
     * Rebuilds a proxy from {@link #settings()}, e.g. in a worker process (its targets are loaded
     * from, or regenerated into, the default targets folder).
     *
     * @throws IllegalArgumentException if a setting is missing, or the images or targets differ
     */
    public static EproxyProxy fromSettings(Map<String, String> s, Path imagesFile) {
        Builder b = builder().setConfig(EproxyConfig.fromJson(Proxies.require(s, "config")));
        b.optImages(Cifar10Images.loadMatching(imagesFile, Proxies.require(s, "images")));
        if (!Proxies.require(s, "channels").equals("space default")) {
            b.optNetworkSize(new NetworkSize(Integer.parseInt(s.get("channels")), Integer.parseInt(Proxies.require(s, "cells_per_stage"))));
        }
        if (!Proxies.require(s, "macs_max").equals("space default")) {
            b.optMacsMax(Double.parseDouble(s.get("macs_max")));
        }
        b.optIterations(Integer.parseInt(Proxies.require(s, "iterations")))
                .optMomentum(Double.parseDouble(Proxies.require(s, "momentum")))
                .optWeightDecay(Double.parseDouble(Proxies.require(s, "weight_decay")))
                .optCropPadding(Integer.parseInt(Proxies.require(s, "crop_padding")))
                .optFlip(Boolean.parseBoolean(Proxies.require(s, "flip")))
                .optTargetsSeed(Long.parseLong(Proxies.require(s, "targets_seed")))
                .optSeed(Long.parseLong(Proxies.require(s, "seed")));
        EproxyProxy p = b.build();
        if (!p.targets.fingerprint().equals(Proxies.require(s, "targets"))) {
            String have = p.targets.fingerprint();
            p.close();
            throw new IllegalArgumentException("Eproxy targets differ: the settings name " + s.get("targets") + ", this JVM made "
                    + have + " (another generator version or batch)");
        }
        return p;
    }

    /** The network size used for an architecture: the explicit one, else the benchmark's (Eproxy's) size. */
    public NetworkSize sizeFor(Architecture arch) {
        return settings.networkSize() != null ? settings.networkSize() : arch.space().benchmarkSize();
    }

    /** MACs_max for an architecture's space: the explicit one, else the reference's table. */
    public double macsMaxFor(Architecture arch) {
        if (settings.macsMax != null) {
            return settings.macsMax;
        }
        Double v = MACS_MAX.get(arch.space().name());
        if (v == null) {
            throw new IllegalArgumentException("No MACs_max is known for search space '" + arch.space().name()
                    + "' (the reference's table has " + MACS_MAX.keySet() + "): set EproxyProxy.Builder.optMacsMax"
                    + " (ProxyPanel.Builder.optEproxyMacsMax, bench --macs-max), or use mac_mode loss");
        }
        return v;
    }

    /** The backbone's MACs for one 3×32×32 image (ptflops rules), at this proxy's network size. */
    public long macs(Architecture arch) {
        try (ExitGuard.Section guard = ExitGuard.enter(); NDManager m = manager.newSubManager()) {
            var backbone = arch.network(sizeFor(arch));
            backbone.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            return MacCounter.count(backbone, new Shape(1, 3, 32, 32), MacCounter.Convention.PTFLOPS, m);
        }
    }

    /**
     * An architecture's network ready to train: backbone and heads built and initialised
     * ({@code init_net}), the backbone's MACs counted, a fresh barrier built ({@code init_barrier})
     * and frozen.
     *
     * @param macs the backbone's MACs for one 3×32×32 image (ptflops rules); -1 when the MAC
     *     mode does not use them
     */
    public record Prepared(EproxyModel model, Barrier barrier, long macs) {}

    /**
     * Builds what {@link #score} trains, after reseeding the engine from (seed, architecture): the
     * same architecture always gets the same initial weights and barrier, another one fresh ones.
     *
     * @param manager owns the network's arrays (close it to free them)
     */
    public Prepared prepare(Architecture arch, NDManager manager) {
        try (ExitGuard.Section guard = ExitGuard.enter()) {
            Engine.getInstance().setRandomSeed(SeedPolicy.architectureSeed(settings.seed(), arch.encoding()));
            EproxyConfig c = settings.config;
            EproxyModel model = new EproxyModel(arch.network(sizeFor(arch)), c.active());
            model.initialize(manager, DataType.FLOAT32, input.getShape());
            long macs = c.macMode() == EproxyConfig.MacMode.LOSS ? -1
                    : MacCounter.count(model.backbone(), new Shape(1, 3, 32, 32), MacCounter.Convention.PTFLOPS, manager);
            c.initNet().apply(model, manager);
            Barrier barrier = new Barrier(c.active());
            barrier.initialize(manager, DataType.FLOAT32, model.getOutputShapes(new Shape[] {input.getShape()}));
            c.initBarrier().apply(barrier, manager);
            barrier.freeze();
            return new Prepared(model, barrier, macs);
        }
    }

    /** The fixed input batch as a [16, 3, 32, 32] array (owned by the proxy; do not close). */
    public NDArray input() {
        return input;
    }

    /** Branch i's target, [16, last_channels_i, 8, 8] (owned by the proxy; do not close). */
    public NDArray branchTarget(int branch) {
        return branchTargets[branch];
    }

    @Override
    public ProxyScore score(Architecture arch) {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // no JVM exit under native code: before any libtorch call
            IntraOpThreads.apply(); // issue 17: the score must not depend on the thread count
            return scoreInSection(arch);
        }
    }

    private ProxyScore scoreInSection(Architecture arch) {
        long start = System.nanoTime();
        try {
            EproxyConfig c = settings.config;
            double[] trace = new double[settings.iterations];
            double factor = 1;
            try (NDManager m = manager.newSubManager()) {
                Prepared p = prepare(arch, m);
                if (c.macMode() == EproxyConfig.MacMode.MACS_ONLY) {
                    return new ProxyScore(arch.encoding(), -p.macs(), seconds(start), new double[] {p.macs()}, null);
                }
                if (c.macMode() == EproxyConfig.MacMode.LOSS_MACS) {
                    factor = 1 - c.alpha() * p.macs() / macsMaxFor(arch);
                }
                train(p.model(), p.barrier(), m, trace);
            }
            double value = trace[trace.length - 1] * factor;
            if (!Double.isFinite(value)) {
                value = FAILED_SCORE + new Random(SeedPolicy.architectureSeed(settings.seed(), arch.encoding())).nextDouble();
            }
            return new ProxyScore(arch.encoding(), value, seconds(start), trace, null);
        } catch (RuntimeException e) {
            return ProxyScore.failed(arch.encoding(), seconds(start), e);
        }
    }

    /** The 10 iterations; package-private for tests. */
    void train(EproxyModel model, Barrier barrier, NDManager m, double[] trace) {
        ParameterStore ps = new ParameterStore(m, false);
        try (KernelDecaySgd sgd = KernelDecaySgd.builder().optLearningRate(settings.config.learningRate())
                .optMomentum(settings.momentum).optWeightDecay(settings.weightDecay).build(model)) {
            for (int it = 1; it <= settings.iterations; it++) {
                boolean last = it == settings.iterations;
                try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = step.zeros(input.getShape()).addi(input);
                    NDList out = barrier.forward(ps, model.forward(ps, new NDList(x), true), true);
                    NDArray train = null;
                    double score = 0;
                    for (int i = 0; i < out.size(); i++) {
                        NDArray mse = Losses.mse(out.get(i), branchTargets[i]);
                        score += mse.getFloat() / Math.pow(2, i);
                        train = train == null ? mse : train.add(mse);
                    }
                    trace[it - 1] = score;
                    if (!last) {
                        gc.backward(train);
                    }
                }
                if (!last) {
                    sgd.step();
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // frees native memory
            manager.close();
        }
    }

    /**
     * Builder; defaults are Eproxy's: {@link EproxyConfig#defaults()}, 10 iterations, momentum 0.9,
     * weight decay 4e-5, RandomCrop padding 4, flip on, seed 111 (batch and per-architecture
     * streams), target-map seed {@value #DEFAULT_TARGETS_SEED}. Of the shared options the batch
     * size must stay 16 (the targets' batch) and the network size defaults to the benchmark's.
     */
    public static final class Builder extends ProxyBuilder<Builder> {
        /** The master seed of the target maps by default (B.6: the originals' seeds are unknown). */
        public static final long DEFAULT_TARGETS_SEED = 2022;

        private EproxyConfig config = EproxyConfig.defaults();
        private int iterations = 10;
        private double momentum = 0.9;
        private double weightDecay = 4e-5;
        private int cropPadding = 4;
        private boolean flip = true;
        private long targetsSeed = DEFAULT_TARGETS_SEED;
        private EproxyTargets targets;
        private Path targetsDirectory;
        private Double macsMax;

        private Builder() {
            super(111);
        }

        @Override
        protected Builder self() {
            return this;
        }

        private Builder copy() {
            Builder b = new Builder();
            copyTo(b);
            b.config = config;
            b.iterations = iterations;
            b.momentum = momentum;
            b.weightDecay = weightDecay;
            b.cropPadding = cropPadding;
            b.flip = flip;
            b.targetsSeed = targetsSeed;
            b.targets = targets;
            b.targetsDirectory = targetsDirectory;
            b.macsMax = macsMax;
            return b;
        }

        /** The configuration (default: {@link EproxyConfig#defaults()}; DPS sets its genome here). */
        public Builder setConfig(EproxyConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /** SGD iterations (Eproxy: 10); the score is the loss of the last forward pass. */
        public Builder optIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        /** Zero padding of the RandomCrop (Eproxy: 4; 0 disables the crop). */
        public Builder optCropPadding(int padding) {
            if (padding < 0) {
                throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
            }
            this.cropPadding = padding;
            return this;
        }

        public Builder optFlip(boolean flip) {
            this.flip = flip;
            return this;
        }

        /** Master seed of the target maps (each map's seed is derived from it and recorded). */
        public Builder optTargetsSeed(long seed) {
            this.targetsSeed = seed;
            return this;
        }

        /** Shares already-built targets (DPS builds a proxy per candidate on the same maps). */
        public Builder optTargets(EproxyTargets targets) {
            this.targets = targets;
            return this;
        }

        /** Folder the target maps are stored in (default {@link EproxyTargets#defaultDirectory()}). */
        public Builder optTargetsDirectory(Path dir) {
            this.targetsDirectory = dir;
            return this;
        }

        /** MACs_max of the MACs factor (default: the reference's table for nb101 and nb201). */
        public Builder optMacsMax(double macsMax) {
            if (!(macsMax > 0)) {
                throw new IllegalArgumentException("MACs_max must be positive, got " + macsMax);
            }
            this.macsMax = macsMax;
            return this;
        }

        /** @throws IllegalArgumentException for a batch size other than 16 */
        public EproxyProxy build() {
            if (batchSize() != null && batchSize() != EproxyTargets.BATCH) {
                throw new IllegalArgumentException("Eproxy's batch is " + EproxyTargets.BATCH + " images (its targets' batch), got "
                        + batchSize());
            }
            try (ExitGuard.Section guard = ExitGuard.enter()) { // the constructor runs libtorch (batch, targets)
                return new EproxyProxy(this);
            }
        }
    }
}
