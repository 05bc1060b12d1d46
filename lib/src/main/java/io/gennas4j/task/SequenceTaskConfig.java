package io.gennas4j.task;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A GenNAS regression task for recurrent cells (spec {@code gennas-eproxy.md} §3.5, the NLP task of
 * §4): two stages, each one L×D signal per sequence; stage "0" is the <b>input</b> sequence and
 * stage "1" the <b>target</b>, both [L, B, D]:
 *
 * <pre>{"batchsize": 16, "noise": {"type": "uniform", "noise_level": 0.6}, "dimension": 48,
 *  "feature": {"0": {"sin1d": null, "sin2d": {"level": 2.6, "range": [...], "local": true},
 *                    "dot": null, "dot_gaussian": null},
 *              "1": {...}}}</pre>
 *
 * The bases are sin1d, sin2d, dot and dot_gaussian (no resize: there is no image); a
 * {@code "resize": null} key, as the hand-made configurations carry, is accepted.
 *
 * @param batchSize sequences B (the reference code's {@code --batch_size}, default 16, replaces the
 *     configuration's own value when it runs: see {@link #PUBLISHED_BATCH_SIZE})
 * @param noise noise added to the input sequence at every iteration
 * @param dimension D, the features per time step (the task search draws it from 16, 32, …, 96)
 * @param length L, time steps (the code's {@code --length}, 8)
 * @param features per stage, the enabled bases in drawing order
 */
public record SequenceTaskConfig(int batchSize, NoiseConfig noise, int dimension, int length, List<Map<String, BasisConfig>> features) {

    public static final int STAGES = 2;
    /** The sequence length the reference code uses ({@code --length}). */
    public static final int DEFAULT_LENGTH = 8;
    /** The dimension gene's values (spec §4, NLP variant). */
    public static final int[] DIMENSIONS = {16, 32, 48, 64, 80, 96};
    /** The bases of the NLP task, in drawing order. */
    public static final List<String> BASES = List.of("sin1d", "sin2d", "dot", "dot_gaussian");
    /** The shipped NLP tasks (GenNAS {@code configs.py}): the searched one and six hand-made ones. */
    public static final List<String> NAMES = List.of("CONF_NLP", "CONF_NLP_COMBO", "CONF_NLP_SINGLE", "CONF_NLP_SIN1D_M", "CONF_NLP_SIN2D_M",
            "CONF_NLP_SIN1D_H", "CONF_NLP_SIN2D_H");
    /**
     * The batch every shipped NLP task runs with in the reference code: {@code --batch_size}
     * (default 16) overwrites the configuration's {@code batchsize}, so the hand-made tasks' 64
     * is never used. {@link #byName} applies it; {@link #byNameAsWritten} does not.
     */
    public static final int PUBLISHED_BATCH_SIZE = 16;

    private static final Set<String> TOP_KEYS = Set.of("batchsize", "noise", "dimension", "length", "feature");

    public SequenceTaskConfig {
        if (batchSize < 2) {
            throw new InvalidTaskConfigException("batchsize must be >= 2 (sequences per batch), got " + batchSize);
        }
        if (noise == null) {
            throw new InvalidTaskConfigException("noise is missing: e.g. {\"type\": \"uniform\", \"noise_level\": 0.6}");
        }
        if (dimension < 1 || length < 2) {
            throw new InvalidTaskConfigException("dimension must be >= 1 and length >= 2, got " + dimension + " and " + length);
        }
        if (features == null || features.size() != STAGES) {
            throw new InvalidTaskConfigException("feature must have the two stages \"0\" (input) and \"1\" (target)");
        }
        List<Map<String, BasisConfig>> copy = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            Map<String, BasisConfig> given = features.get(l) == null ? Map.of() : features.get(l);
            for (String key : given.keySet()) {
                if (!BASES.contains(key)) {
                    throw new InvalidTaskConfigException("feature." + l + "." + key + ": the NLP task's bases are " + BASES
                            + (key.equals("resize") ? " (resize needs an input image; sequences have none)" : ""));
                }
            }
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            for (String key : BASES) {
                BasisConfig b = given.get(key);
                if (b != null) {
                    String where = "feature." + l + "." + key;
                    if (!(b.level() >= 0) || Double.isInfinite(b.level())) {
                        throw new InvalidTaskConfigException(where + ".level must be a finite number >= 0, got " + b.level());
                    }
                    SignalBases.byKey(key).validate(b, where);
                    stage.put(key, b);
                }
            }
            copy.add(Collections.unmodifiableMap(stage));
        }
        features = List.copyOf(copy);
    }

    /** The grid the waves are drawn on before cropping to L×D: max(L, D). */
    public int waveGrid() {
        return Math.max(length, dimension);
    }

    public SequenceTaskConfig withBatchSize(int b) {
        return new SequenceTaskConfig(b, noise, dimension, length, features);
    }

    public SequenceTaskConfig withNoise(NoiseConfig n) {
        return new SequenceTaskConfig(batchSize, n, dimension, length, features);
    }

    /**
     * A shipped NLP task, run as the reference code runs it (batch {@value #PUBLISHED_BATCH_SIZE}).
     *
     * @throws InvalidTaskConfigException naming the shipped tasks
     */
    public static SequenceTaskConfig byName(String name) {
        return byNameAsWritten(name).withBatchSize(PUBLISHED_BATCH_SIZE);
    }

    /** A shipped NLP task with the batch size its configuration writes (64 for the hand-made ones). */
    public static SequenceTaskConfig byNameAsWritten(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new InvalidTaskConfigException("Unknown NLP task '" + name + "'. Shipped: " + String.join(", ", NAMES)
                    + "; or give a task as JSON with SequenceTaskConfig.fromJson");
        }
        try (InputStream in = SequenceTaskConfig.class.getResourceAsStream(key + ".json")) {
            if (in == null) {
                throw new IllegalStateException("Resource " + key + ".json is missing from the gennas4j jar");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shipped NLP task by name, or a task JSON file (a path ending in {@code .json}); both run at
     * batch {@value #PUBLISHED_BATCH_SIZE} as the reference runs every task.
     *
     * @throws InvalidTaskConfigException for an unknown name, an unreadable file or bad JSON
     */
    public static SequenceTaskConfig byNameOrFile(String nameOrPath) {
        String s = nameOrPath.trim();
        if (!s.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return byName(s);
        }
        try {
            return fromJson(java.nio.file.Files.readString(java.nio.file.Path.of(s))).withBatchSize(PUBLISHED_BATCH_SIZE);
        } catch (IOException e) {
            throw new InvalidTaskConfigException("Cannot read task file " + s + ": " + e.getMessage());
        } catch (InvalidTaskConfigException e) {
            throw new InvalidTaskConfigException(s + ": " + e.getMessage());
        }
    }

    /**
     * Reads an NLP task from JSON (length defaults to {@value #DEFAULT_LENGTH}).
     *
     * @throws InvalidTaskConfigException naming the offending field
     */
    public static SequenceTaskConfig fromJson(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json == null ? "" : json);
        } catch (JsonParseException e) {
            throw new InvalidTaskConfigException("NLP task configuration is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!root.isJsonObject()) {
            throw new InvalidTaskConfigException("An NLP task configuration is a JSON object with keys " + TOP_KEYS);
        }
        JsonObject o = root.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new InvalidTaskConfigException("Unknown NLP task key '" + key + "'. Allowed keys: " + TOP_KEYS
                        + (key.startsWith("last_channel") ? " (last_channel_l* belongs to CNN tasks: TaskConfig)" : ""));
            }
        }
        int batch = (int) TaskConfig.number(o, "batchsize", "batchsize", 16);
        JsonObject n = TaskConfig.object(o, "noise", "noise");
        NoiseConfig noise = new NoiseConfig(NoiseType.fromKey(TaskConfig.string(n, "type", "noise.type")),
                TaskConfig.number(n, "noise_level", "noise.noise_level", Double.NaN));
        int dimension = (int) TaskConfig.number(o, "dimension", "dimension", Double.NaN);
        int length = (int) TaskConfig.number(o, "length", "length", DEFAULT_LENGTH);
        JsonObject f = TaskConfig.object(o, "feature", "feature");
        for (String key : f.keySet()) {
            if (!Set.of("0", "1").contains(key)) {
                throw new InvalidTaskConfigException("feature has stage '" + key + "'; NLP tasks have stages \"0\" (input) and \"1\" (target)");
            }
        }
        List<Map<String, BasisConfig>> stages = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            JsonObject stage = TaskConfig.object(f, String.valueOf(l), "feature." + l);
            Map<String, BasisConfig> bases = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : stage.entrySet()) {
                if (e.getValue().isJsonNull()) {
                    continue;
                }
                String where = "feature." + l + "." + e.getKey();
                if (!e.getValue().isJsonObject()) {
                    throw new InvalidTaskConfigException(where + " must be null or an object like {\"level\": 1.0, ...}");
                }
                bases.put(e.getKey(), TaskConfig.basis(e.getValue().getAsJsonObject(), where));
            }
            stages.add(bases);
        }
        return new SequenceTaskConfig(batch, noise, dimension, length, stages);
    }

    /** Writes the task (every basis key present, null when off). */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batchsize", batchSize);
        JsonObject n = new JsonObject();
        n.addProperty("type", noise.type().key());
        n.addProperty("noise_level", noise.level());
        o.add("noise", n);
        o.addProperty("dimension", dimension);
        o.addProperty("length", length);
        JsonObject f = new JsonObject();
        for (int l = 0; l < STAGES; l++) {
            JsonObject stage = new JsonObject();
            for (String key : BASES) {
                BasisConfig b = features.get(l).get(key);
                if (b == null) {
                    stage.add(key, JsonNull.INSTANCE);
                    continue;
                }
                stage.add(key, TaskConfig.basisJson(b));
            }
            f.add(String.valueOf(l), stage);
        }
        o.add("feature", f);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o);
    }

    // ---------------------------------------------------------------- task search (spec §4, NLP variant)

    private static final double[] LEVELS = levels();

    private static double[] levels() {
        double[] a = new double[25]; // numpy arange(0.5, 3.0, 0.1)
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.5 + i * 0.1;
        }
        return a;
    }

    /**
     * A random NLP task as GenNAS's {@code generate_config_nlp} draws one: noise type uniform over
     * two, level over 0.0…0.9; dimension over {@link #DIMENSIONS}; batch 16; each (stage, basis)
     * slot present with probability ½, level from 0.5…2.9, waves with 10 frequencies U(lo, hi) of
     * a sorted U(0, 0.5) pair, dots with partial U(0, 1); {@code local} always true.
     */
    public static SequenceTaskConfig random(Random rng) {
        NoiseConfig noise = new NoiseConfig(rng.nextBoolean() ? NoiseType.GAUSSIAN : NoiseType.UNIFORM, rng.nextInt(10) / 10.0);
        List<Map<String, BasisConfig>> stages = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            for (String key : BASES) {
                BasisConfig b = randomSlot(key, rng);
                if (b != null) {
                    stage.put(key, b);
                }
            }
            stages.add(stage);
        }
        return new SequenceTaskConfig(PUBLISHED_BATCH_SIZE, noise, DIMENSIONS[rng.nextInt(DIMENSIONS.length)], DEFAULT_LENGTH, stages);
    }

    private static BasisConfig randomSlot(String key, Random rng) {
        if (rng.nextDouble() >= 0.5) {
            return null;
        }
        double level = LEVELS[rng.nextInt(LEVELS.length)];
        if (key.startsWith("sin")) {
            double a = rng.nextDouble() * 0.5;
            double b = rng.nextDouble() * 0.5;
            double lo = Math.min(a, b);
            double hi = Math.max(a, b);
            double[] range = new double[10];
            for (int i = 0; i < range.length; i++) {
                range[i] = lo + (hi - lo) * rng.nextDouble();
            }
            return BasisConfig.wave(level, true, range);
        }
        return BasisConfig.dots(level, rng.nextDouble(), true);
    }

    /**
     * GenNAS's mutation for the NLP task (spec §4): each scalar gene (noise type and level
     * together, dimension) and each of the 2 × 4 basis slots is redrawn with probability
     * {@code 1 − keep} (the code's {@code mutate_ratio} 0.8 is the keep probability); the batch
     * size has one value and stays.
     */
    public SequenceTaskConfig mutate(Random rng, double keep) {
        NoiseConfig n = rng.nextDouble() >= keep ? new NoiseConfig(rng.nextBoolean() ? NoiseType.GAUSSIAN : NoiseType.UNIFORM,
                rng.nextInt(10) / 10.0) : noise;
        int d = rng.nextDouble() >= keep ? DIMENSIONS[rng.nextInt(DIMENSIONS.length)] : dimension;
        List<Map<String, BasisConfig>> stages = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            for (String key : BASES) {
                BasisConfig b = rng.nextDouble() >= keep ? randomSlot(key, rng) : features.get(l).get(key);
                if (b != null) {
                    stage.put(key, b);
                }
            }
            stages.add(stage);
        }
        return new SequenceTaskConfig(batchSize, n, d, length, stages);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
