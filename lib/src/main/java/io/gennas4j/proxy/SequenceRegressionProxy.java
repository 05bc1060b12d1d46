package io.gennas4j.proxy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.space.nbnlp.NlpModel;
import io.gennas4j.task.SequenceTask;
import io.gennas4j.task.SequenceTaskConfig;
import io.gennas4j.training.Losses;
import io.gennas4j.training.TorchAdam;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The GenNAS proxy on recurrent cells (spec {@code gennas-eproxy.md} §3.5, {@code evaluate_nlp}):
 * build the cell's {@link NlpModel} (NAS-Bench-NLP's sizes and dropouts), train it with Adam for
 * 100 iterations to map the task's noisy input sequence (stage "0") to its target sequence (stage
 * "1"), MSE over [L, B, D], hidden states zero at every iteration; every 10 iterations the
 * eval-mode loss (no dropout, fresh noise) is recorded and the score is the last one (lower
 * predicts a lower perplexity). A NaN eval loss scores {@value RegressionProxy#FAILED_LOSS} + U(0, 1);
 * a loss that overflows to +∞ stays +∞, as in the reference.
 *
 * <pre>{@code
 * try (SequenceRegressionProxy proxy = SequenceRegressionProxy.builder().build()) { // CONF_NLP
 *     ProxyScore s = proxy.score(NlpArch.parse(recipeJson));
 * }
 * }</pre>
 *
 * Defaults are the reference code's: CONF_NLP at batch 16, L = 8; Adam lr 0.1 (the
 * {@code --learning_rate} default; spec §10 item 5), β (0.9, 0.999), ε 1e-8, weight decay 1.2e-6
 * (the logs' {@code wdecay}); weight-dropped matrices untrained ({@link NlpModel}). Named
 * deviation, as for the CNN proxy: the random stream is reseeded per cell
 * ({@link SeedPolicy#PER_ARCHITECTURE}); the task (input, target) is drawn once from the seed.
 */
public final class SequenceRegressionProxy implements Proxy {

    private final Builder settings;
    private final NDManager manager;
    private final SequenceTask task;
    private final Random sequentialRng;

    private SequenceRegressionProxy(Builder b) {
        IntraOpThreads.apply();
        io.gennas4j.Gennas4j.checkNativeSettings();
        this.settings = b.copy();
        this.manager = NDManager.newBaseManager();
        this.task = SequenceTask.create(b.task, b.seed, manager);
        this.sequentialRng = new Random(b.seed);
        if (b.seedPolicy == SeedPolicy.SEQUENTIAL) {
            Engine.getInstance().setRandomSeed((int) b.seed);
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

    /** The shared task (input and target sequences). */
    public SequenceTask task() {
        return task;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proxy", name());
        m.put("network", Proxies.RECURRENT);
        m.put("task", settings.task.toJson().replaceAll("\\s+", ""));
        m.put("iterations", String.valueOf(settings.iterations));
        m.put("eval_interval", String.valueOf(settings.evalInterval));
        m.put("optimizer", "adam");
        m.put("lr", String.valueOf(settings.learningRate));
        m.put("weight_decay", String.valueOf(settings.weightDecay));
        m.put("emsize", String.valueOf(settings.emsize));
        m.put("nhid", String.valueOf(settings.nhid));
        m.put("layers", String.valueOf(settings.layers));
        m.put("dropouts", settings.dropout + "," + settings.dropoutHidden + "," + settings.weightDrop);
        m.put("train_dropped_weights", String.valueOf(settings.trainDroppedWeights));
        m.put("seed", String.valueOf(settings.seed));
        m.put("seed_policy", settings.seedPolicy.name());
        return m;
    }

    /**
     * Rebuilds a proxy from {@link #settings()} (worker processes).
     *
     * @throws IllegalArgumentException if a setting is missing
     */
    public static SequenceRegressionProxy fromSettings(Map<String, String> s, java.nio.file.Path imagesFile) {
        String[] d = Proxies.require(s, "dropouts").split(",");
        return builder().setTask(SequenceTaskConfig.fromJson(Proxies.require(s, "task")))
                .optIterations(Integer.parseInt(Proxies.require(s, "iterations")))
                .optEvalInterval(Integer.parseInt(Proxies.require(s, "eval_interval")))
                .optLearningRate(Double.parseDouble(Proxies.require(s, "lr")))
                .optWeightDecay(Double.parseDouble(Proxies.require(s, "weight_decay")))
                .optSizes(Integer.parseInt(Proxies.require(s, "emsize")), Integer.parseInt(Proxies.require(s, "nhid")),
                        Integer.parseInt(Proxies.require(s, "layers")))
                .optDropouts(Float.parseFloat(d[0]), Float.parseFloat(d[1]), Float.parseFloat(d[2]))
                .optTrainDroppedWeights(Boolean.parseBoolean(Proxies.require(s, "train_dropped_weights")))
                .optSeed(Long.parseLong(Proxies.require(s, "seed")))
                .optSeedPolicy(SeedPolicy.valueOf(Proxies.require(s, "seed_policy"))).build();
    }

    @Override
    public ProxyScore score(Architecture arch) {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // no JVM exit under native code: before any libtorch call
            IntraOpThreads.apply();
            return scoreInSection(arch);
        }
    }

    private ProxyScore scoreInSection(Architecture arch) {
        long start = System.nanoTime();
        try {
            if (!(arch instanceof NlpArch cell)) {
                throw new IllegalArgumentException("SequenceRegressionProxy scores NAS-Bench-NLP cells, got " + arch.space().name()
                        + " architecture " + arch.encoding() + " (use RegressionProxy for CNN spaces)");
            }
            double[] trace = train(cell);
            return new ProxyScore(arch.encoding(), trace[trace.length - 1], (System.nanoTime() - start) / 1e9, trace, null);
        } catch (RuntimeException e) {
            return ProxyScore.failed(arch.encoding(), (System.nanoTime() - start) / 1e9, e);
        }
    }

    /** The model this proxy trains for a cell (sizes, dropouts and the weight-drop mode of the settings). */
    public NlpModel model(NlpArch cell) {
        return NlpModel.builder().setRecipe(cell.recipe()).setDimension(settings.task.dimension())
                .optSizes(settings.emsize, settings.nhid).optLayers(settings.layers)
                .optDropouts(settings.dropout, settings.dropoutHidden, settings.weightDrop)
                .optTrainDroppedWeights(settings.trainDroppedWeights).build();
    }

    private double[] train(NlpArch cell) {
        Random fallback = sequentialRng;
        if (settings.seedPolicy == SeedPolicy.PER_ARCHITECTURE) {
            int s = SeedPolicy.architectureSeed(settings.seed, cell.encoding());
            Engine.getInstance().setRandomSeed(s);
            fallback = new Random(s);
        }
        double[] trace = new double[Math.max(settings.iterations / settings.evalInterval, 1)];
        int recorded = 0;
        try (NDManager m = manager.newSubManager()) {
            NlpModel model = model(cell);
            model.initialize(m, DataType.FLOAT32, task.input().getShape());
            ParameterStore ps = new ParameterStore(m, false);
            try (TorchAdam adam = TorchAdam.builder().optLearningRate(settings.learningRate).optWeightDecay(settings.weightDecay)
                    .build(model, model.frozenParameters())) {
                for (int it = 1; it <= settings.iterations; it++) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray x = task.noisyInput(step);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray pred = model.forward(ps, new NDList(x), true).singletonOrThrow();
                            gc.backward(Losses.mse(pred, task.target()));
                        }
                        adam.step();
                    }
                    if (it % settings.evalInterval == 0 && recorded < trace.length) {
                        trace[recorded++] = evaluate(model, ps, m, fallback);
                    }
                }
                if (recorded == 0) {
                    trace[recorded++] = evaluate(model, ps, m, fallback);
                }
            }
        }
        return trace;
    }

    private double evaluate(NlpModel model, ParameterStore ps, NDManager m, Random rng) {
        try (NDManager step = m.newSubManager()) {
            NDArray pred = model.forward(ps, new NDList(task.noisyInput(step)), false).singletonOrThrow();
            double loss = Losses.mse(pred, task.target()).getFloat();
            // as the reference (np.isnan): NaN scores 1000 + U, an overflow to +inf stays inf (ranked worst)
            return Double.isNaN(loss) ? RegressionProxy.FAILED_LOSS + rng.nextDouble() : loss;
        }
    }

    @Override
    public void close() {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // frees native memory
            task.close();
            manager.close();
        }
    }

    /** Builder; every default is the reference code's (class comment). */
    public static final class Builder {
        private SequenceTaskConfig task = SequenceTaskConfig.byName("CONF_NLP");
        private int iterations = 100;
        private int evalInterval = 10;
        private double learningRate = 0.1;
        private double weightDecay = 1.2e-6;
        private int emsize = 400;
        private int nhid = 600;
        private int layers = 3;
        private float dropout = 0.1f;
        private float dropoutHidden = 0.25f;
        private float weightDrop = 0.1f;
        private boolean trainDroppedWeights;
        private long seed = 111;
        private SeedPolicy seedPolicy = SeedPolicy.PER_ARCHITECTURE;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.task = task;
            b.iterations = iterations;
            b.evalInterval = evalInterval;
            b.learningRate = learningRate;
            b.weightDecay = weightDecay;
            b.emsize = emsize;
            b.nhid = nhid;
            b.layers = layers;
            b.dropout = dropout;
            b.dropoutHidden = dropoutHidden;
            b.weightDrop = weightDrop;
            b.trainDroppedWeights = trainDroppedWeights;
            b.seed = seed;
            b.seedPolicy = seedPolicy;
            return b;
        }

        /** The NLP task (default CONF_NLP at batch 16: {@link SequenceTaskConfig#byName}). */
        public Builder setTask(SequenceTaskConfig task) {
            this.task = java.util.Objects.requireNonNull(task, "task");
            return this;
        }

        /** Training iterations (default 100). */
        public Builder optIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** Eval-mode loss every this many iterations (default 10); the score is the last. */
        public Builder optEvalInterval(int evalInterval) {
            if (evalInterval < 1) {
                throw new IllegalArgumentException("evalInterval must be >= 1, got " + evalInterval);
            }
            this.evalInterval = evalInterval;
            return this;
        }

        /** Adam's learning rate (default 0.1). */
        public Builder optLearningRate(double lr) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
            this.learningRate = lr;
            return this;
        }

        /** L2 weight decay in Adam's gradient (default 1.2e-6, NAS-Bench-NLP's wdecay). */
        public Builder optWeightDecay(double wd) {
            if (!(wd >= 0)) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + wd);
            }
            this.weightDecay = wd;
            return this;
        }

        /** Embedding size, hidden size, layers (default 400, 600, 3: NAS-Bench-NLP's). */
        public Builder optSizes(int emsize, int nhid, int layers) {
            this.emsize = emsize;
            this.nhid = nhid;
            this.layers = layers;
            return this;
        }

        /** Output dropout, between-layer dropout, weight drop (default 0.1, 0.25, 0.1: the logs'). */
        public Builder optDropouts(float dropout, float dropoutHidden, float weightDrop) {
            this.dropout = dropout;
            this.dropoutHidden = dropoutHidden;
            this.weightDrop = weightDrop;
            return this;
        }

        /** Named deviation: let weight-dropped matrices train (default false, as the reference). */
        public Builder optTrainDroppedWeights(boolean train) {
            this.trainDroppedWeights = train;
            return this;
        }

        /** Seed of the task and, combined with each cell, of initialisation, dropout and noise (default 111). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optSeedPolicy(SeedPolicy policy) {
            this.seedPolicy = java.util.Objects.requireNonNull(policy);
            return this;
        }

        /** @throws IllegalArgumentException for sizes or dropouts out of range (checked by {@link NlpModel}) */
        public SequenceRegressionProxy build() {
            NlpModel.builder().setRecipe(io.gennas4j.space.nbnlp.NlpRecipe.parse(
                    "{\"h_new_0\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}}")).setDimension(task.dimension())
                    .optSizes(emsize, nhid).optLayers(layers).optDropouts(dropout, dropoutHidden, weightDrop).build(); // validates
            try (ExitGuard.Section guard = ExitGuard.enter()) { // the constructor runs libtorch (batch, targets)
                return new SequenceRegressionProxy(this);
            }
        }
    }
}
