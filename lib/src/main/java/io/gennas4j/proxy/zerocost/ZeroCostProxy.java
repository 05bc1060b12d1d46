package io.gennas4j.proxy.zerocost;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.nn.Blocks;
import io.gennas4j.proxy.ExitGuard;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyBuilder;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import io.gennas4j.task.InputBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A zero-cost baseline as a {@link Proxy}: builds the architecture's network at the benchmark's
 * size with its classifier, initialises it (PyTorch defaults, seeded per architecture), and
 * computes one {@link ZeroCostMeasure} on one fixed batch of labelled CIFAR-10 images.
 *
 * <pre>{@code
 * try (ZeroCostProxy synflow = ZeroCostProxy.builder().setMeasure("synflow").build()) {
 *     ProxyScore s = synflow.score(Nb201Arch.parse("|nor_conv_3x3~0|+|...|"));
 * }
 * }</pre>
 *
 * Defaults follow the zero-cost-proxy reference code's NAS-Bench-201 script: batch 64 (NASWOT
 * 128), data seed 42, a random batch without augmentation, 10 classes, BN in training mode.
 */
public final class ZeroCostProxy implements Proxy {

    private final ZeroCostMeasure measure;
    private final Cifar10Images images;
    private final InputBatch batch;
    private final NetworkSize size;
    private final int batchSize;
    private final int numClasses;
    private final long dataSeed;
    private final long seed;
    private final NDManager manager = NDManager.newBaseManager();

    private ZeroCostProxy(Builder b) {
        IntraOpThreads.apply(); // what is computed at build time (batch, targets) uses the same count
        io.gennas4j.Gennas4j.checkNativeSettings();
        this.measure = b.measure;
        this.images = b.images() != null ? b.images() : Cifar10Images.load();
        this.size = b.networkSize();
        this.batchSize = b.batchSize() != null ? b.batchSize() : measure.defaultBatchSize();
        this.numClasses = b.numClasses;
        this.dataSeed = b.dataSeed;
        this.seed = b.seed();
        this.batch = InputBatch.draw(images, batchSize, dataSeed, false);
        int maxLabel = java.util.Arrays.stream(batch.labels()).max().orElse(0);
        if (maxLabel >= numClasses) {
            throw new IllegalArgumentException("The batch has class label " + maxLabel + " but the classifier has only "
                    + numClasses + " outputs: set optNumClasses(" + (maxLabel + 1) + ") or more");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return measure.name();
    }

    public ZeroCostMeasure measure() {
        return measure;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proxy", name());
        m.put("channels", size == null ? "space benchmark size" : String.valueOf(size.channels()));
        m.put("cells_per_stage", size == null ? "space benchmark size" : String.valueOf(size.cellsPerStage()));
        m.put("batch_size", String.valueOf(batchSize));
        m.put("data_seed", String.valueOf(dataSeed));
        m.put("num_classes", String.valueOf(numClasses));
        m.put("seed", String.valueOf(seed));
        m.put("batch_norm", String.valueOf(measure.batchNorm()));
        m.put("dtype", measure.dataType().name());
        m.put("images", images.fingerprint());
        return m;
    }

    @Override
    public int recycleWorkerAfter() {
        return measure.recycleAfter();
    }

    @Override
    public Path imagesFile() {
        return images.source();
    }

    /**
     * Rebuilds a proxy from {@link #settings()} (worker processes).
     *
     * @throws IllegalArgumentException if a setting is missing or the images differ
     */
    public static ZeroCostProxy fromSettings(Map<String, String> s, Path imagesFile) {
        Builder b = builder().setMeasure(require(s, "proxy"));
        Cifar10Images imgs = Cifar10Images.loadMatching(imagesFile, require(s, "images"));
        if (!require(s, "channels").equals("space benchmark size")) {
            b.optNetworkSize(new NetworkSize(Integer.parseInt(s.get("channels")), Integer.parseInt(require(s, "cells_per_stage"))));
        }
        return b.optImages(imgs)
                .optBatchSize(Integer.parseInt(require(s, "batch_size")))
                .optDataSeed(Long.parseLong(require(s, "data_seed")))
                .optNumClasses(Integer.parseInt(require(s, "num_classes")))
                .optSeed(Long.parseLong(require(s, "seed")))
                .build();
    }

    private static String require(Map<String, String> s, String key) {
        return io.gennas4j.proxy.Proxies.require(s, key);
    }

    /** The network size used for an architecture: the explicit one, else the benchmark's. */
    public NetworkSize sizeFor(Architecture arch) {
        return size != null ? size : arch.space().benchmarkSize();
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
            double value = computeInSection(arch);
            return new ProxyScore(arch.encoding(), value, (System.nanoTime() - start) / 1e9, null, null);
        } catch (RuntimeException e) {
            return ProxyScore.failed(arch.encoding(), (System.nanoTime() - start) / 1e9, e);
        }
    }

    /** Builds, initialises and measures one network. */
    public double compute(Architecture arch) {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // also when called directly, not through score
            return computeInSection(arch);
        }
    }

    private double computeInSection(Architecture arch) {
        IntraOpThreads.apply();
        Engine.getInstance().setRandomSeed(SeedPolicy.architectureSeed(seed, arch.encoding()));
        try (NDManager m = manager.newSubManager()) {
            StageNetwork net = measure.onBenchmarkNetwork() ? arch.benchmarkNetwork(sizeFor(arch), numClasses)
                    : arch.network(sizeFor(arch), numClasses);
            Blocks.setBatchNormEnabled(net, measure.batchNorm());
            net.initialize(m, measure.dataType(), new Shape(batchSize, 3, batch.side(), batch.side()));
            return measure.compute(new ZeroCostContext(net, m, batch, measure.dataType(), numClasses));
        }
    }

    @Override
    public void close() {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // frees native memory
            manager.close();
        }
    }

    /**
     * Builder; defaults are the reference code's NAS-Bench-201 settings. Of the shared options
     * ({@link ProxyBuilder}): the batch size defaults to the measure's (64, NASWOT 128), the
     * network size to the space's benchmark size (NAS-Bench-201: C=16, 5 cells; NAS-Bench-101:
     * C=128, 3), and the seed (42) is the weight initialisation's, combined with each architecture.
     */
    public static final class Builder extends ProxyBuilder<Builder> {
        private ZeroCostMeasure measure;
        private int numClasses = 10;
        private long dataSeed = 42;

        private Builder() {
            super(42);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The measure, by name ({@link ZeroCostMeasures#names()}). */
        public Builder setMeasure(String name) {
            this.measure = ZeroCostMeasures.byName(name);
            return this;
        }

        public Builder setMeasure(ZeroCostMeasure measure) {
            this.measure = Objects.requireNonNull(measure, "measure");
            return this;
        }

        public Builder optNumClasses(int numClasses) {
            if (numClasses < 2) {
                throw new IllegalArgumentException("a classifier needs >= 2 classes, got " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        /** Seed of the image batch (reference: 42). */
        public Builder optDataSeed(long dataSeed) {
            this.dataSeed = dataSeed;
            return this;
        }

        public ZeroCostProxy build() {
            Objects.requireNonNull(measure, "measure: call setMeasure(name)");
            try (ExitGuard.Section guard = ExitGuard.enter()) { // the constructor runs libtorch (batch, targets)
                return new ZeroCostProxy(this);
            }
        }
    }
}
