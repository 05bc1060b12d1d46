package io.gennas4j.search;

import com.google.gson.JsonParser;
import io.gennas4j.task.BasisConfig;
import io.gennas4j.task.NoiseConfig;
import io.gennas4j.task.NoiseType;
import io.gennas4j.task.SignalBases;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * GenNAS task configurations as genomes (spec §1.5 random generation, §4 mutation;
 * {@code utils/config_generator.py}):
 *
 * <ul>
 *   <li>random: batch 16; noise type uniform over {uniform, gaussian} and level uniform over
 *       0.0, 0.1, …, 0.9; each stage's channel multiplier uniform over 0.25 … 1.5; each
 *       (stage, basis) slot present with probability 0.5, with level uniform over 0.5, 0.6, …,
 *       2.9; sin1d/sin2d: two U(0, 0.5) draws sorted into (lo, hi), 10 frequencies U(lo, hi),
 *       local with probability 0.5; dot/dot_gaussian: partial U(0, 1), local with probability
 *       0.5; resize: level only;
 *   <li>mutation ({@code mutate_ratio} 0.8 is the <em>keep</em> probability): each scalar gene
 *       (batch size, noise with its type and level together, the three channel multipliers) is
 *       redrawn with probability 0.2; each (stage, basis) slot is redrawn whole with probability
 *       0.2 (present with probability 0.5, fresh values);
 *   <li>encoding: the task's JSON on one line (the fitness cache key).
 * </ul>
 */
public final class TaskGenomes implements GenomeSpace<TaskConfig> {

    /** The reference's {@code mutate_ratio}: the probability that a gene is kept. */
    public static final double KEEP = 0.8;

    /** The task search's only batch size. */
    public static final int BATCH_SIZE = 16;

    /** Channel multipliers m_l (target channels = int(m_l · 64)). */
    public static final List<Double> CHANNEL_MULTIPLIERS = List.of(0.25, 0.5, 0.75, 1.0, 1.25, 1.5);

    public static final TaskGenomes INSTANCE = new TaskGenomes();

    private TaskGenomes() {}

    @Override
    public String name() {
        return "task";
    }

    /** Levels a: {@code arange(0.5, 3.0, 0.1)}, computed as the reference does (0.5 + 0.1·i). */
    public static double level(int i) {
        return 0.5 + 0.1 * i;
    }

    /** Number of level values (25). */
    public static final int LEVELS = 25;

    /** Noise levels 0.0 … 0.9 as 0.1·i. */
    public static final int NOISE_LEVELS = 10;

    @Override
    public TaskConfig random(Random rng) {
        List<Map<String, BasisConfig>> features = new ArrayList<>();
        double[] m = new double[TaskConfig.STAGES];
        NoiseConfig noise = randomNoise(rng);
        for (int l = 0; l < TaskConfig.STAGES; l++) {
            m[l] = randomMultiplier(rng);
        }
        for (int l = 0; l < TaskConfig.STAGES; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            for (String key : SignalBases.keys()) {
                BasisConfig b = randomSlot(key, rng);
                if (b != null) {
                    stage.put(key, b);
                }
            }
            features.add(stage);
        }
        return new TaskConfig(BATCH_SIZE, noise, m, features);
    }

    @Override
    public TaskConfig mutate(TaskConfig parent, Random rng) {
        int batch = parent.batchSize();
        if (redraw(rng)) {
            batch = BATCH_SIZE; // the only choice
        }
        NoiseConfig noise = redraw(rng) ? randomNoise(rng) : parent.noise();
        double[] m = parent.lastChannelMultipliers();
        for (int l = 0; l < m.length; l++) {
            if (redraw(rng)) {
                m[l] = randomMultiplier(rng);
            }
        }
        List<Map<String, BasisConfig>> features = new ArrayList<>();
        for (int l = 0; l < TaskConfig.STAGES; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>(parent.features().get(l));
            for (String key : SignalBases.keys()) {
                if (redraw(rng)) {
                    BasisConfig b = randomSlot(key, rng);
                    if (b == null) {
                        stage.remove(key);
                    } else {
                        stage.put(key, b);
                    }
                }
            }
            features.add(stage);
        }
        return new TaskConfig(batch, noise, m, features);
    }

    /** The task's JSON on one line. */
    @Override
    public String encode(TaskConfig genome) {
        return JsonParser.parseString(genome.toJson()).toString();
    }

    private static boolean redraw(Random rng) {
        return rng.nextDouble() >= KEEP;
    }

    private static NoiseConfig randomNoise(Random rng) {
        NoiseType type = NoiseType.values()[rng.nextInt(2)];
        return new NoiseConfig(type, 0.1 * rng.nextInt(NOISE_LEVELS));
    }

    private static double randomMultiplier(Random rng) {
        return CHANNEL_MULTIPLIERS.get(rng.nextInt(CHANNEL_MULTIPLIERS.size()));
    }

    /** A slot: absent (null) with probability 0.5, else a basis with fresh values. */
    static BasisConfig randomSlot(String key, Random rng) {
        if (rng.nextDouble() < 0.5) {
            return null;
        }
        double level = level(rng.nextInt(LEVELS));
        switch (key) {
            case "sin1d", "sin2d" -> {
                double a = rng.nextDouble() * 0.5;
                double b = rng.nextDouble() * 0.5;
                double lo = Math.min(a, b);
                double hi = Math.max(a, b);
                double[] range = new double[10];
                for (int i = 0; i < range.length; i++) {
                    range[i] = lo + (hi - lo) * rng.nextDouble();
                }
                return BasisConfig.wave(level, rng.nextDouble() < 0.5, range);
            }
            case "dot", "dot_gaussian" -> {
                double partial = rng.nextDouble();
                return BasisConfig.dots(level, partial, rng.nextDouble() < 0.5);
            }
            case "resize" -> {
                return BasisConfig.resize(level);
            }
            default -> throw new IllegalStateException("The task search has no generator for basis '" + key
                    + "' (known: sin1d, sin2d, dot, dot_gaussian, resize)");
        }
    }

    @Override
    public String toString() {
        return name() + Arrays.toString(SignalBases.keys().toArray());
    }
}
