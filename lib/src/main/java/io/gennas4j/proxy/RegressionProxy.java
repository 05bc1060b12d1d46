package io.gennas4j.proxy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.InputBatch;
import io.gennas4j.task.TaskConfig;
import io.gennas4j.task.TaskInstance;
import io.gennas4j.training.KernelDecaySgd;
import io.gennas4j.training.Losses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The GenNAS regression proxy (spec §1–§2): train the untrained architecture for a few SGD
 * iterations to regress the task's synthetic targets from a fixed, freshly noised image batch;
 * the score is the eval-mode loss at the last iteration (lower predicts higher accuracy).
 *
 * <pre>{@code
 * try (RegressionProxy proxy = RegressionProxy.builder()
 *         .setTask(TaskConfig.byName("CONF_NB101")).optSeed(111).build()) {
 *     ProxyScore s = proxy.score(Nb201Arch.parse("|nor_conv_3x3~0|+|...|"));
 * }
 * }</pre>
 *
 * Every setting defaults to the paper's value. One task instance (batch and targets) is drawn at
 * build time and shared by every architecture, as in the reference code.
 */
public final class RegressionProxy implements Proxy {

    /** Score the reference code substitutes for a NaN eval loss: 1000 + U(0, 1). */
    public static final double FAILED_LOSS = 1000;

    private final Builder settings;
    private final Cifar10Images images;
    private final NDManager manager;
    private final TaskInstance task;
    private final Random sequentialRng;

    private RegressionProxy(Builder b) {
        IntraOpThreads.apply(); // what is computed at build time (batch, targets) uses the same count
        io.gennas4j.Gennas4j.checkNativeSettings();
        this.settings = b.copy();
        this.manager = NDManager.newBaseManager();
        this.images = b.images() != null ? b.images() : Cifar10Images.load();
        InputBatch batch = InputBatch.draw(images, b.task.batchSize(), b.seed(), b.flip);
        this.task = TaskInstance.create(b.task, batch, b.seed(), manager);
        this.sequentialRng = new Random(b.seed());
        if (b.seedPolicy == SeedPolicy.SEQUENTIAL) {
            Engine.getInstance().setRandomSeed((int) b.seed());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gennas";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    /** The shared task instance (input batch and targets). */
    public TaskInstance task() {
        return task;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proxy", name());
        m.put("task", settings.task.toJson().replaceAll("\\s+", ""));
        m.put("channels", settings.networkSize() == null ? "space default" : String.valueOf(settings.networkSize().channels()));
        m.put("cells_per_stage", settings.networkSize() == null ? "space default" : String.valueOf(settings.networkSize().cellsPerStage()));
        m.put("iterations", String.valueOf(settings.iterations));
        m.put("eval_interval", String.valueOf(settings.evalInterval));
        m.put("lr", String.valueOf(settings.learningRate));
        m.put("momentum", String.valueOf(settings.momentum));
        m.put("weight_decay", String.valueOf(settings.weightDecay));
        m.put("train_weights", Arrays.toString(settings.trainWeights));
        m.put("eval_weights", Arrays.toString(settings.evalWeights));
        m.put("flip", String.valueOf(settings.flip));
        m.put("seed", String.valueOf(settings.seed()));
        m.put("seed_policy", settings.seedPolicy.name());
        m.put("images", images.fingerprint());
        return m;
    }

    /** The image file the fixed batch was drawn from (what a worker process must load). */
    @Override
    public java.nio.file.Path imagesFile() {
        return images.source();
    }

    /**
     * Rebuilds a proxy from {@link #settings()}, e.g. in a worker process.
     *
     * @param imagesFile where to read the images; their fingerprint must match the settings'
     * @throws IllegalArgumentException if a setting is missing or the images differ
     */
    public static RegressionProxy fromSettings(Map<String, String> s, java.nio.file.Path imagesFile) {
        Builder b = builder().setTask(TaskConfig.fromJson(require(s, "task")));
        b.optImages(Cifar10Images.loadMatching(imagesFile, require(s, "images")));
        if (!require(s, "channels").equals("space default")) {
            b.optNetworkSize(new NetworkSize(Integer.parseInt(s.get("channels")), Integer.parseInt(require(s, "cells_per_stage"))));
        }
        double[] tw = weights(require(s, "train_weights"));
        double[] ew = weights(require(s, "eval_weights"));
        return b.optIterations(Integer.parseInt(require(s, "iterations")))
                .optEvalInterval(Integer.parseInt(require(s, "eval_interval")))
                .optLearningRate(Double.parseDouble(require(s, "lr")))
                .optMomentum(Double.parseDouble(require(s, "momentum")))
                .optWeightDecay(Double.parseDouble(require(s, "weight_decay")))
                .optTrainWeights(tw[0], tw[1], tw[2]).optEvalWeights(ew[0], ew[1], ew[2])
                .optFlip(Boolean.parseBoolean(require(s, "flip")))
                .optSeed(Long.parseLong(require(s, "seed")))
                .optSeedPolicy(SeedPolicy.valueOf(require(s, "seed_policy")))
                .build();
    }

    private static String require(Map<String, String> s, String key) {
        return Proxies.require(s, key);
    }

    private static double[] weights(String text) {
        String[] parts = text.replace("[", "").replace("]", "").split(",");
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = Double.parseDouble(parts[i].trim());
        }
        return w;
    }

    /** The network size used for an architecture: the explicit one, else the space's default. */
    public NetworkSize sizeFor(Architecture arch) {
        return settings.networkSize() != null ? settings.networkSize() : arch.space().defaultProxySize();
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
            double[] trace = train(arch);
            if (trace[trace.length - 1] >= FAILED_LOSS && settings.seedPolicy == SeedPolicy.PER_ARCHITECTURE) {
                // a non-finite loss is re-trained once from the same seed: a network that really
                // diverges does so again (same 1000 + U), while the sporadic native fault of
                // README › Troubleshooting (a NaN that the same training does not repeat) is not kept
                double[] again = train(arch);
                if (again[again.length - 1] < FAILED_LOSS) {
                    System.err.println("gennas4j: " + arch.encoding() + " gave a non-finite loss once and a finite one when"
                            + " re-trained from the same seed (sporadic native fault); the re-trained score is kept");
                }
                trace = again;
            }
            double last = trace[trace.length - 1];
            return new ProxyScore(arch.encoding(), last, seconds(start), trace, null);
        } catch (RuntimeException e) {
            return ProxyScore.failed(arch.encoding(), seconds(start), e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private double[] train(Architecture arch) {
        Random fallback = sequentialRng;
        if (settings.seedPolicy == SeedPolicy.PER_ARCHITECTURE) {
            int s = SeedPolicy.architectureSeed(settings.seed(), arch.encoding());
            Engine.getInstance().setRandomSeed(s);
            fallback = new Random(s);
        }
        int[] channels = new int[TaskConfig.STAGES];
        for (int l = 0; l < channels.length; l++) {
            channels[l] = settings.task.channels(l);
        }
        int evals = settings.iterations / settings.evalInterval;
        double[] trace = new double[Math.max(evals, 1)];
        int recorded = 0;
        Timer t = new Timer(settings.profile);
        NDManager m = manager.newSubManager();
        try {
            RegressionModel model = new RegressionModel(arch.network(sizeFor(arch)), channels, TaskInstance.TARGET_SIZE);
            t.lap(ScoringProfile.Phase.BUILD);
            model.initialize(m, DataType.FLOAT32, task.input().getShape());
            ParameterStore ps = new ParameterStore(m, false);
            try (KernelDecaySgd sgd = KernelDecaySgd.builder().optLearningRate(settings.learningRate)
                    .optMomentum(settings.momentum).optWeightDecay(settings.weightDecay).build(model)) {
                t.lap(ScoringProfile.Phase.INITIALIZE);
                for (int it = 1; it <= settings.iterations; it++) {
                    NDManager step = m.newSubManager();
                    try {
                        NDArray x = input(step);
                        t.lap(ScoringProfile.Phase.NOISE);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDList pred = model.forward(ps, new NDList(x), true);
                            NDArray loss = weightedLoss(pred, settings.trainWeights, settings.trainWeights);
                            t.lap(ScoringProfile.Phase.FORWARD);
                            gc.backward(loss);
                            t.lap(ScoringProfile.Phase.BACKWARD);
                        }
                        sgd.step();
                        t.lap(ScoringProfile.Phase.OPTIMIZER);
                        if (settings.profile != null && step instanceof ai.djl.ndarray.BaseNDManager base) {
                            settings.profile.countStep(base.getManagedArrays().size());
                        }
                    } finally {
                        step.close();
                        t.lap(ScoringProfile.Phase.RELEASE);
                    }
                    if (it % settings.evalInterval == 0 && recorded < trace.length) {
                        trace[recorded++] = evaluate(model, ps, m, fallback);
                        t.lap(ScoringProfile.Phase.EVALUATE);
                    }
                }
                if (recorded == 0) { // fewer iterations than one eval interval: evaluate once at the end
                    trace[recorded++] = evaluate(model, ps, m, fallback);
                    t.lap(ScoringProfile.Phase.EVALUATE);
                }
            }
        } finally {
            m.close();
            t.lap(ScoringProfile.Phase.RELEASE);
            if (settings.profile != null) {
                settings.profile.countArchitecture();
            }
        }
        return trace;
    }

    /** Adds the time since the last lap to a phase of the profile (no-op without a profile). */
    private static final class Timer {
        private final ScoringProfile profile;
        private long last = System.nanoTime();

        Timer(ScoringProfile profile) {
            this.profile = profile;
        }

        void lap(ScoringProfile.Phase phase) {
            if (profile != null) {
                long now = System.nanoTime();
                profile.add(phase, now - last);
                last = now;
            }
        }
    }

    private double evaluate(RegressionModel model, ParameterStore ps, NDManager m, Random rng) {
        try (NDManager step = m.newSubManager()) {
            NDArray x = input(step);
            NDList pred = model.forward(ps, new NDList(x), false);
            // reference-code quirk kept: the skip test uses the training weights
            double loss = weightedLoss(pred, settings.evalWeights, settings.trainWeights).getFloat();
            if (!Double.isFinite(loss)) {
                return FAILED_LOSS + rng.nextDouble();
            }
            return loss;
        }
    }

    private NDArray input(NDManager step) {
        NDArray x = task.noisyInput(step);
        // without noise, copy D into the step's manager so results never attach to the task's
        return x == task.input() ? step.zeros(x.getShape()).addi(x) : x;
    }

    private NDArray weightedLoss(NDList pred, double[] weights, double[] skipIfZero) {
        NDArray total = null;
        for (int l = 0; l < pred.size(); l++) {
            if (skipIfZero[l] == 0) {
                continue;
            }
            NDArray term = Losses.mse(pred.get(l), task.target(l)).mul((float) weights[l]);
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalStateException("All stage weights are zero: nothing to train");
        }
        return total;
    }

    @Override
    public void close() {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // frees native memory
            task.close();
            manager.close();
        }
    }

    /**
     * Builder; every default is the paper's protocol (spec §2.1). Of the shared options
     * ({@link ProxyBuilder}): the batch size defaults to the task's (16), the network size to the
     * space's GenNAS size (NAS-Bench-201: C=16, 5 cells per stage), and the seed (111) sets the
     * batch, the targets and the training streams.
     */
    public static final class Builder extends ProxyBuilder<Builder> {
        private TaskConfig task = TaskConfig.byName("CONF_NB101");
        private int iterations = 100;
        private int evalInterval = 10;
        private double learningRate = 0.1;
        private double momentum = 0.9;
        private double weightDecay = 4e-5;
        private double[] trainWeights = {0.25, 0.5, 1.0};
        private double[] evalWeights = {0.25, 0.5, 1.0};
        private boolean flip = true;
        private SeedPolicy seedPolicy = SeedPolicy.PER_ARCHITECTURE;
        private ScoringProfile profile;

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
            b.task = task;
            b.iterations = iterations;
            b.evalInterval = evalInterval;
            b.learningRate = learningRate;
            b.momentum = momentum;
            b.weightDecay = weightDecay;
            b.trainWeights = trainWeights.clone();
            b.evalWeights = evalWeights.clone();
            b.flip = flip;
            b.seedPolicy = seedPolicy;
            b.profile = profile;
            return b;
        }

        /** The regression task (default CONF_NB101). */
        public Builder setTask(TaskConfig task) {
            this.task = java.util.Objects.requireNonNull(task, "task");
            return this;
        }

        public Builder optIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** Eval-mode loss is recorded every this many iterations (paper: 10); the score is the last. */
        public Builder optEvalInterval(int evalInterval) {
            if (evalInterval < 1) {
                throw new IllegalArgumentException("evalInterval must be >= 1, got " + evalInterval);
            }
            this.evalInterval = evalInterval;
            return this;
        }

        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
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

        /** Stage loss weights, shallowest first (paper: 0.25, 0.5, 1). */
        public Builder optTrainWeights(double w0, double w1, double w2) {
            this.trainWeights = new double[] {w0, w1, w2};
            return this;
        }

        public Builder optEvalWeights(double w0, double w1, double w2) {
            this.evalWeights = new double[] {w0, w1, w2};
            return this;
        }

        /** Random horizontal flip of the fixed batch when it is drawn (paper: on). */
        public Builder optFlip(boolean flip) {
            this.flip = flip;
            return this;
        }

        public Builder optSeedPolicy(SeedPolicy policy) {
            this.seedPolicy = java.util.Objects.requireNonNull(policy);
            return this;
        }

        /**
         * The compute knobs at once: network size, iterations, batch size, eval interval
         * ({@link Protocol#PAPER}, {@link Protocol#FAST}, or a frontier point).
         */
        public Builder optProtocol(Protocol protocol) {
            return optNetworkSize(protocol.networkSize()).optIterations(protocol.iterations())
                    .optEvalInterval(protocol.evalInterval()).optBatchSize(protocol.batchSize());
        }

        /** Records where scoring time goes (does not change scores). */
        public Builder optProfile(ScoringProfile profile) {
            this.profile = profile;
            return this;
        }

        public RegressionProxy build() {
            if (batchSize() != null) {
                task = task.withBatchSize(batchSize());
            }
            try (ExitGuard.Section guard = ExitGuard.enter()) { // the constructor runs libtorch (batch, targets)
                return new RegressionProxy(this);
            }
        }
    }
}
