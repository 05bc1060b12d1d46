package io.gennas4j.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;

/**
 * A task made concrete: the fixed input batch D and one fixed target tensor per stage
 * [B, C_l, 8, 8], drawn once from the configuration with a seed and shared by every architecture
 * scored with it (spec §1.1, §1.4). Owns its arrays; close it when done.
 */
public final class TaskInstance implements AutoCloseable {

    /** Side of every target map (the code's {@code output_size}). */
    public static final int TARGET_SIZE = 8;

    private final TaskConfig config;
    private final NDManager manager;
    private final NDArray input;
    private final NDArray[] targets;
    private final float[][] targetValues;
    private final long seed;

    private TaskInstance(TaskConfig config, NDManager manager, NDArray input, NDArray[] targets, float[][] values, long seed) {
        this.config = config;
        this.manager = manager;
        this.input = input;
        this.targets = targets;
        this.targetValues = values;
        this.seed = seed;
    }

    /**
     * Draws the targets of {@code config} for {@code batch} with {@code seed}.
     *
     * @param parent the manager the task's arrays are created under (a child manager is used)
     */
    public static TaskInstance create(TaskConfig config, InputBatch batch, long seed, NDManager parent) {
        if (batch.batchSize() != config.batchSize()) {
            throw new IllegalArgumentException("The input batch has " + batch.batchSize() + " images but the task asks for "
                    + config.batchSize());
        }
        float[][] values = drawTargets(config, batch, seed);
        NDManager m = parent.newSubManager();
        int b = config.batchSize();
        NDArray input = m.create(batch.images(), new Shape(b, 3, batch.side(), batch.side()));
        NDArray[] targets = new NDArray[TaskConfig.STAGES];
        for (int l = 0; l < TaskConfig.STAGES; l++) {
            targets[l] = m.create(values[l], new Shape(b, config.channels(l), TARGET_SIZE, TARGET_SIZE));
        }
        return new TaskInstance(config, m, input, targets, values, seed);
    }

    /** Host-side target drawing: y_l = Σ over enabled bases of level · basis. */
    public static float[][] drawTargets(TaskConfig config, InputBatch batch, long seed) {
        Random rng = new Random(seed);
        float[][] values = new float[TaskConfig.STAGES][];
        for (int l = 0; l < TaskConfig.STAGES; l++) {
            SignalContext ctx = new SignalContext(config.batchSize(), config.channels(l), TARGET_SIZE, rng,
                    batch.images(), batch.side());
            float[] y = new float[ctx.volume()];
            for (Map.Entry<String, BasisConfig> e : config.features().get(l).entrySet()) {
                float[] basis = SignalBases.byKey(e.getKey()).draw(e.getValue(), ctx);
                float level = (float) e.getValue().level();
                for (int k = 0; k < y.length; k++) {
                    y[k] += level * basis[k];
                }
            }
            values[l] = y;
        }
        return values;
    }

    public TaskConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** The clean input batch D, [B, 3, 32, 32]. Do not close it. */
    public NDArray input() {
        return input;
    }

    /** The target of a stage, [B, C_l, 8, 8]. Do not close it. */
    public NDArray target(int stage) {
        return targets[stage];
    }

    /** Host copy of a stage target, row-major [B, C_l, 8, 8]. */
    public float[] targetValues(int stage) {
        return targetValues[stage].clone();
    }

    /**
     * D plus fresh noise, created under {@code step} (closing {@code step} frees it). With noise
     * level 0 this is D itself.
     */
    public NDArray noisyInput(NDManager step) {
        NoiseConfig noise = config.noise();
        if (noise.level() == 0) {
            return input;
        }
        float l = (float) noise.level();
        NDArray n = noise.type() == NoiseType.UNIFORM
                ? step.randomUniform(-l, l, input.getShape())
                : step.randomNormal(0f, l, input.getShape(), input.getDataType());
        return n.addi(input);
    }

    @Override
    public void close() {
        manager.close();
    }
}
