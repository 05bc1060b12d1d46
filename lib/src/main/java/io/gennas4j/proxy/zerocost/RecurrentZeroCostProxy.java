package io.gennas4j.proxy.zerocost;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.proxy.ExitGuard;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.space.nbnlp.NlpModel;
import io.gennas4j.task.SequenceTask;
import io.gennas4j.task.SequenceTaskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zero-cost baselines on NAS-Bench-NLP recurrent cells (issue 15; spec {@code gennas-eproxy.md}
 * §6 measures carried to RNNs). The network is the cell's GenNAS model ({@link NlpModel}: linear
 * encoder D → 400, three recurrent layers, decoder → D, NAS-Bench-NLP's initialisation, seeded per
 * cell); the batch is a <b>next-step prediction</b> batch: the clean input sequence s [L, B, D]
 * of a sequence task (default CONF_NLP: L = 8, B = 16, D = 48), input s[0..L−2], target
 * s[1..L−1], mean-squared error. Named deviations from the zero-cost paper's NAS-Bench-NLP run
 * (which used PTB text and cross-entropy over the vocabulary): PTB is not shared here, so the batch
 * is synthetic and the loss is MSE; dropout and weight drop are off (eval mode), so a measure has no
 * sampling noise.
 *
 * <p>Measures ({@link #MEASURES}); "weights" are the encoder, every cell linear and the decoder
 * matrices, without biases:
 * <ul>
 *   <li>{@code grad_norm}: Σ ‖∂L/∂W‖_F; {@code snip}: Σ |W ⊙ ∂L/∂W|; {@code plain}: Σ W ⊙ ∂L/∂W;
 *   <li>{@code synflow}: float64, every parameter made |θ|, an all-ones input [L−1, 1, D],
 *       R = Σ output, Σ |W ⊙ ∂R/∂W|;
 *   <li>{@code jacob_cov}: J = ∂(Σ output)/∂x per sequence, flattened to B × ((L−1)·D), the
 *       same eigenvalue score as on CNNs (NaN when a row of J is constant);
 *   <li>{@code fisher}: the hidden units of each recurrent layer's output a [L−1, B, H] are the
 *       per-unit activations: Σ_layers Σ_k ½·mean_b(Σ_t a·∂L/∂a)²;
 *   <li>{@code params}: parameters of the three recurrent layers (what differs between cells).
 * </ul>
 * Not defined here: {@code naswot} (binary codes of ReLU units; a cell's units are tanh, sigmoid,
 * or leaky ReLU in some cells only) and {@code grasp} (a Hessian-gradient product back through
 * every time step; not ported); {@code flops} equals {@code params} up to the constant
 * encoder/decoder for a fixed sequence length, so it is left out.
 */
public final class RecurrentZeroCostProxy implements Proxy {

    /** The measures defined on recurrent cells. */
    public static final List<String> MEASURES = List.of("grad_norm", "snip", "synflow", "jacob_cov", "fisher", "params", "plain");

    private final String measure;
    private final SequenceTaskConfig task;
    private final long seed;
    private final long dataSeed;
    private final NDManager manager = NDManager.newBaseManager();
    private final float[] sequence; // clean s [L, B, D]
    private final Shape shape;

    private RecurrentZeroCostProxy(Builder b) {
        IntraOpThreads.apply();
        io.gennas4j.Gennas4j.checkNativeSettings();
        this.measure = b.measure;
        this.task = b.task;
        this.seed = b.seed;
        this.dataSeed = b.dataSeed;
        try (NDManager m = NDManager.newBaseManager(); SequenceTask t = SequenceTask.create(task, dataSeed, m)) {
            this.shape = t.input().getShape();
            this.sequence = t.input().toFloatArray();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return measure;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proxy", measure);
        m.put("network", Proxies.RECURRENT);
        m.put("task", task.toJson().replaceAll("\\s+", ""));
        m.put("batch", "next-step prediction on the task input, MSE, eval mode");
        m.put("data_seed", String.valueOf(dataSeed));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    /** Rebuilds a proxy from {@link #settings()} (worker processes). */
    public static RecurrentZeroCostProxy fromSettings(Map<String, String> s, java.nio.file.Path imagesFile) {
        return builder().setMeasure(Proxies.require(s, "proxy")).optTask(SequenceTaskConfig.fromJson(Proxies.require(s, "task")))
                .optDataSeed(Long.parseLong(Proxies.require(s, "data_seed"))).optSeed(Long.parseLong(Proxies.require(s, "seed"))).build();
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
            return new ProxyScore(arch.encoding(), computeInSection(arch), (System.nanoTime() - start) / 1e9, null, null);
        } catch (RuntimeException e) {
            return ProxyScore.failed(arch.encoding(), (System.nanoTime() - start) / 1e9, e);
        }
    }

    /**
     * Builds, initialises and measures one cell's model.
     *
     * @throws IllegalArgumentException for an architecture that is not a NAS-Bench-NLP cell
     */
    public double compute(Architecture arch) {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // also when called directly, not through score
            return computeInSection(arch);
        }
    }

    private double computeInSection(Architecture arch) {
        if (!(arch instanceof NlpArch cell)) {
            throw new IllegalArgumentException("The recurrent zero-cost measures score NAS-Bench-NLP cells, got " + arch.space().name()
                    + " architecture " + arch.encoding() + " (use ZeroCostProxy for CNN spaces)");
        }
        IntraOpThreads.apply();
        Engine.getInstance().setRandomSeed(SeedPolicy.architectureSeed(seed, arch.encoding()));
        boolean synflow = measure.equals("synflow");
        DataType type = synflow ? DataType.FLOAT64 : DataType.FLOAT32;
        long steps = shape.get(0) - 1;
        long batch = shape.get(1);
        long dim = shape.get(2);
        try (NDManager m = manager.newSubManager()) {
            NlpModel model = cell.model((int) dim);
            model.initialize(m, type, new Shape(steps, synflow ? 1 : batch, dim));
            if (measure.equals("params")) {
                return model.recurrentParameterCount();
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDArray s = m.create(sequence, shape).toType(type, false);
            NDArray x = s.get("0:" + steps);
            NDArray y = s.get("1:");
            List<Parameter> weights = model.weightParameters();
            switch (measure) {
                case "synflow": {
                    for (var p : model.getParameters()) {
                        p.getValue().getArray().abs().copyTo(p.getValue().getArray()); // linearise: |θ|
                    }
                    NDArray ones = m.ones(new Shape(steps, 1, dim), type);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(model.forward(ps, ones, false, a -> a).sum());
                    }
                    return sum(weights, (w, g) -> w.mul(g).abs().sum());
                }
                case "jacob_cov": {
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(model.forward(ps, x, false, a -> a).sum());
                    }
                    NDArray j = x.getGradient().transpose(1, 0, 2).reshape(batch, -1); // one row per sequence
                    return JacobCov.score(JacobCov.correlation(j.toType(DataType.FLOAT64, false).toDoubleArray(), (int) batch));
                }
                case "fisher": {
                    List<NDArray[]> probes = new ArrayList<>();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = model.forward(ps, x, false, a -> {
                            NDArray probe = m.zeros(a.getShape(), a.getDataType());
                            probe.setRequiresGradient(true);
                            probes.add(new NDArray[] {a, probe});
                            return a.add(probe);
                        });
                        gc.backward(out.sub(y).square().mean());
                    }
                    double total = 0;
                    for (NDArray[] p : probes) {
                        NDArray perUnit = p[0].mul(p[1].getGradient()).sum(new int[] {0}); // [B, H]
                        total += perUnit.square().mean(new int[] {0}).mul(0.5).sum().toType(DataType.FLOAT64, false).getDouble();
                    }
                    return total;
                }
                default: {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(model.forward(ps, x, false, a -> a).sub(y).square().mean());
                    }
                    switch (measure) {
                        case "grad_norm":
                            return sum(weights, (w, g) -> g.square().sum().sqrt());
                        case "snip":
                            return sum(weights, (w, g) -> w.mul(g).abs().sum());
                        case "plain":
                            return sum(weights, (w, g) -> w.mul(g).sum());
                        default:
                            throw new IllegalStateException("unhandled measure " + measure);
                    }
                }
            }
        }
    }

    private static double sum(List<Parameter> weights, java.util.function.BinaryOperator<NDArray> value) {
        double total = 0;
        for (Parameter p : weights) {
            NDArray w = p.getArray();
            total += value.apply(w, w.getGradient()).toType(DataType.FLOAT64, false).getDouble();
        }
        return total;
    }

    @Override
    public void close() {
        try (ExitGuard.Section guard = ExitGuard.enter()) { // frees native memory
            manager.close();
        }
    }

    /** Builder: {@code RecurrentZeroCostProxy.builder().setMeasure("jacob_cov").build()}. */
    public static final class Builder {
        private String measure;
        private SequenceTaskConfig task = SequenceTaskConfig.byName("CONF_NLP");
        private long seed = 42;
        private long dataSeed = 42;

        private Builder() {}

        /**
         * @throws IllegalArgumentException naming the measures defined on recurrent cells
         */
        public Builder setMeasure(String name) {
            String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            if (!MEASURES.contains(key)) {
                throw new IllegalArgumentException("'" + name + "' is not defined on recurrent cells here. Measures: "
                        + String.join(", ", MEASURES) + " (naswot needs ReLU units, grasp is not ported to RNNs)");
            }
            this.measure = key;
            return this;
        }

        /** The sequence task whose clean input is the next-step batch (default CONF_NLP). */
        public Builder optTask(SequenceTaskConfig task) {
            this.task = java.util.Objects.requireNonNull(task, "task");
            return this;
        }

        /** Seed of the weight initialisation, combined with each cell (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Seed of the synthetic batch (default 42). */
        public Builder optDataSeed(long dataSeed) {
            this.dataSeed = dataSeed;
            return this;
        }

        public RecurrentZeroCostProxy build() {
            if (measure == null) {
                throw new IllegalStateException("setMeasure(name) first; measures: " + String.join(", ", MEASURES));
            }
            try (ExitGuard.Section guard = ExitGuard.enter()) { // the constructor runs libtorch (batch, targets)
                return new RecurrentZeroCostProxy(this);
            }
        }
    }
}
