package io.gennas4j.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.Random;

/**
 * An NLP task made concrete (spec {@code gennas-eproxy.md} §3.5): the input sequence (stage "0")
 * and the target sequence (stage "1"), each [L, B, D], drawn once from the configuration with a
 * seed and shared by every cell scored with it. Owns its arrays; close it when done.
 *
 * <p>Each stage is Σ level · basis over its enabled bases, per sequence b an L×D map whose rows
 * are time steps:
 * <ul>
 *   <li>sin1d / sin2d: the CNN bases' candidate channels drawn on a max(L, D)-sided square grid
 *       (rows and columns from 1; sin2d's flipped half flips the whole grid), one channel chosen
 *       per sequence, cropped to its first L rows and D columns;
 *   <li>dot / dot_gaussian: n = int(partial·L·D) distinct cells of the L×D map set to ±1 (the
 *       Gaussian variant then smoothed with σ = 1, reflect mode, and scaled to peak ±1).
 * </ul>
 * With {@code local} false (no shipped NLP task has it) one map is shared by the batch. The map of
 * sequence b becomes column b of the [L, B, D] tensor ({@code squeeze(1).permute(1, 0, 2)}).
 */
public final class SequenceTask implements AutoCloseable {

    private final SequenceTaskConfig config;
    private final NDManager manager;
    private final NDArray input;
    private final NDArray target;
    private final long seed;

    private SequenceTask(SequenceTaskConfig config, NDManager manager, NDArray input, NDArray target, long seed) {
        this.config = config;
        this.manager = manager;
        this.input = input;
        this.target = target;
        this.seed = seed;
    }

    /**
     * Draws the two stages of {@code config} with {@code seed}.
     *
     * @param parent the manager the task's arrays are created under (a child manager is used)
     */
    public static SequenceTask create(SequenceTaskConfig config, long seed, NDManager parent) {
        float[][] stages = drawStages(config, seed);
        NDManager m = parent.newSubManager();
        Shape shape = new Shape(config.length(), config.batchSize(), config.dimension());
        return new SequenceTask(config, m, m.create(stages[0], shape), m.create(stages[1], shape), seed);
    }

    /** Host-side drawing: both stages, row-major [L, B, D]. */
    public static float[][] drawStages(SequenceTaskConfig config, long seed) {
        Random rng = new Random(seed);
        int b = config.batchSize();
        int len = config.length();
        int d = config.dimension();
        int s = config.waveGrid();
        float[][] out = new float[SequenceTaskConfig.STAGES][];
        for (int l = 0; l < SequenceTaskConfig.STAGES; l++) {
            float[] perSequence = new float[b * len * d]; // [B, L, D]
            for (Map.Entry<String, BasisConfig> e : config.features().get(l).entrySet()) {
                BasisConfig basis = e.getValue();
                float level = (float) basis.level();
                float[] maps = new float[b * len * d];
                SignalBasis kind = SignalBases.byKey(e.getKey());
                if (kind instanceof Dot dot) {
                    int n = (int) (basis.partial() * len * d);
                    if (basis.isLocal()) {
                        for (int q = 0; q < b; q++) {
                            dot.drawRectangle(maps, q * len * d, len, d, n, rng);
                        }
                    } else {
                        dot.drawRectangle(maps, 0, len, d, n, rng);
                        for (int q = 1; q < b; q++) {
                            System.arraycopy(maps, 0, maps, q * len * d, len * d);
                        }
                    }
                } else {
                    float[] square = kind.draw(basis, new SignalContext(b, 1, s, rng, null, 0)); // [B, 1, S, S]
                    for (int q = 0; q < b; q++) {
                        for (int t = 0; t < len; t++) {
                            System.arraycopy(square, q * s * s + t * s, maps, (q * len + t) * d, d);
                        }
                    }
                }
                for (int k = 0; k < maps.length; k++) {
                    perSequence[k] += level * maps[k];
                }
            }
            float[] lbd = new float[perSequence.length];
            for (int q = 0; q < b; q++) {
                for (int t = 0; t < len; t++) {
                    System.arraycopy(perSequence, (q * len + t) * d, lbd, (t * b + q) * d, d);
                }
            }
            out[l] = lbd;
        }
        return out;
    }

    public SequenceTaskConfig config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** The clean input sequence (stage "0"), [L, B, D]. Do not close it. */
    public NDArray input() {
        return input;
    }

    /** The target sequence (stage "1"), [L, B, D]. Do not close it. */
    public NDArray target() {
        return target;
    }

    /**
     * The input plus fresh noise (U(−ℓ, ℓ) or N(0, 1)·ℓ, as {@code NLPTask.get_data}), created under
     * {@code step}. With noise level 0 this is a copy of the input.
     */
    public NDArray noisyInput(NDManager step) {
        NoiseConfig noise = config.noise();
        if (noise.level() == 0) {
            return step.zeros(input.getShape()).addi(input);
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
