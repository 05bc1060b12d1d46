package io.gennas4j.task;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GenNAS regression task for CNNs, in the spec's JSON schema (§1.5):
 *
 * <pre>{"batchsize": 16, "noise": {"type": "uniform", "noise_level": 0.1},
 *  "last_channel_l0": 1.0, "last_channel_l1": 0.75, "last_channel_l2": 0.25,
 *  "feature": {"0": {"sin1d": null, "sin2d": {"level": 1.1, "range": [...], "local": true}, ...},
 *              "1": {...}, "2": {...}}}</pre>
 *
 * Stage "0" is the shallowest (32×32-sourced) stage. Each stage maps basis keys to their settings;
 * an absent or null key means the basis is off.
 *
 * @param batchSize images in the fixed batch
 * @param noise input noise
 * @param lastChannelMultipliers m_l per stage; the stage has int(m_l·64) target channels
 * @param features per stage, enabled bases in drawing order
 */
public record TaskConfig(
        int batchSize, NoiseConfig noise, double[] lastChannelMultipliers, List<Map<String, BasisConfig>> features) {

    /** The code's {@code last_channels}: target channels = int(multiplier · 64). */
    public static final int LAST_CHANNELS = 64;

    public static final int STAGES = 3;

    private static final Set<String> TOP_KEYS =
            Set.of("batchsize", "noise", "last_channel_l0", "last_channel_l1", "last_channel_l2", "feature");

    public TaskConfig {
        if (batchSize < 1) {
            throw new InvalidTaskConfigException("batchsize must be >= 1, got " + batchSize);
        }
        if (noise == null) {
            throw new InvalidTaskConfigException("noise is missing: e.g. {\"type\": \"uniform\", \"noise_level\": 0.1}");
        }
        if (lastChannelMultipliers == null || lastChannelMultipliers.length != STAGES) {
            throw new InvalidTaskConfigException("last_channel_l0..l2 must give one multiplier per stage (3)");
        }
        lastChannelMultipliers = lastChannelMultipliers.clone();
        for (int l = 0; l < STAGES; l++) {
            double m = lastChannelMultipliers[l];
            if (!(m > 0) || (int) (m * LAST_CHANNELS) < 1 || Double.isInfinite(m)) {
                throw new InvalidTaskConfigException(
                        "last_channel_l" + l + " must be a positive multiplier giving at least one channel (e.g. 0.25 .. 1.5), got " + m);
            }
        }
        if (features == null || features.size() != STAGES) {
            throw new InvalidTaskConfigException("feature must have the three stages \"0\", \"1\", \"2\"");
        }
        List<Map<String, BasisConfig>> copy = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            Map<String, BasisConfig> given = features.get(l) == null ? Map.of() : features.get(l);
            // keep the canonical drawing order so equal configs draw equal targets
            for (String key : SignalBases.keys()) {
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
            for (String key : given.keySet()) {
                SignalBases.byKey(key); // unknown keys fail with the list of known ones
            }
            copy.add(Collections.unmodifiableMap(stage));
        }
        features = List.copyOf(copy);
    }

    @Override
    public double[] lastChannelMultipliers() {
        return lastChannelMultipliers.clone();
    }

    /** Target channel count of a stage: int(m_l · 64). */
    public int channels(int stage) {
        return (int) (lastChannelMultipliers[stage] * LAST_CHANNELS);
    }

    /** Returns a copy with another noise setting. */
    public TaskConfig withNoise(NoiseConfig newNoise) {
        return new TaskConfig(batchSize, newNoise, lastChannelMultipliers, features);
    }

    /** Returns a copy with another batch size. */
    public TaskConfig withBatchSize(int newBatchSize) {
        return new TaskConfig(newBatchSize, noise, lastChannelMultipliers, features);
    }

    /** A shipped configuration by name: CONF_NB101, CONF_DARTS, CONF_RESNET, CONF_COMBO or SEARCHED_NB201_FAST ({@link PublishedTasks}). */
    public static TaskConfig byName(String name) {
        return PublishedTasks.byName(name);
    }

    /**
     * A published task by name, or a task JSON file (a path ending in {@code .json}, e.g. one a
     * task search wrote).
     *
     * @throws InvalidTaskConfigException for an unknown name, an unreadable file or bad JSON,
     *     naming the file
     */
    public static TaskConfig byNameOrFile(String nameOrPath) {
        String s = nameOrPath.trim();
        if (!s.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return byName(s);
        }
        try {
            return fromJson(java.nio.file.Files.readString(java.nio.file.Path.of(s)));
        } catch (java.io.IOException e) {
            throw new InvalidTaskConfigException("Cannot read task file " + s + ": " + e.getMessage());
        } catch (InvalidTaskConfigException e) {
            throw new InvalidTaskConfigException(s + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Reads a task from JSON.
     *
     * @throws InvalidTaskConfigException naming the offending field and what to write instead
     */
    public static TaskConfig fromJson(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json == null ? "" : json);
        } catch (JsonParseException e) {
            throw new InvalidTaskConfigException("Task configuration is not valid JSON (" + e.getMessage()
                    + "). Python's None/True/False are written null/true/false in JSON, and strings take double quotes.", e);
        }
        if (!root.isJsonObject()) {
            throw new InvalidTaskConfigException("Task configuration must be a JSON object with keys " + TOP_KEYS + ", got: " + abbreviate(json));
        }
        JsonObject o = root.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new InvalidTaskConfigException("Unknown task key '" + key + "'. Allowed keys: " + TOP_KEYS);
            }
        }
        int batch = (int) number(o, "batchsize", "batchsize", 16);
        JsonObject n = object(o, "noise", "noise");
        NoiseConfig noise = new NoiseConfig(NoiseType.fromKey(string(n, "type", "noise.type")),
                number(n, "noise_level", "noise.noise_level", Double.NaN));
        double[] m = new double[STAGES];
        for (int l = 0; l < STAGES; l++) {
            m[l] = number(o, "last_channel_l" + l, "last_channel_l" + l, Double.NaN);
        }
        JsonObject f = object(o, "feature", "feature");
        List<Map<String, BasisConfig>> stages = new ArrayList<>();
        for (int l = 0; l < STAGES; l++) {
            JsonObject stage = object(f, String.valueOf(l), "feature." + l);
            Map<String, BasisConfig> bases = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : stage.entrySet()) {
                SignalBases.byKey(e.getKey());
                if (e.getValue().isJsonNull()) {
                    continue;
                }
                String where = "feature." + l + "." + e.getKey();
                if (!e.getValue().isJsonObject()) {
                    throw new InvalidTaskConfigException(where + " must be null or an object like {\"level\": 1.0, ...}");
                }
                bases.put(e.getKey(), basis(e.getValue().getAsJsonObject(), where));
            }
            stages.add(bases);
        }
        for (String key : f.keySet()) {
            if (!Set.of("0", "1", "2").contains(key)) {
                throw new InvalidTaskConfigException("feature has stage '" + key + "'; CNN tasks have stages \"0\", \"1\", \"2\"");
            }
        }
        return new TaskConfig(batch, noise, m, stages);
    }

    static BasisConfig basis(JsonObject o, String where) {
        double level = number(o, "level", where + ".level", Double.NaN);
        double[] range = null;
        if (o.has("range") && !o.get("range").isJsonNull()) {
            if (!o.get("range").isJsonArray()) {
                throw new InvalidTaskConfigException(where + ".range must be a list of frequencies");
            }
            JsonArray a = o.getAsJsonArray("range");
            range = new double[a.size()];
            for (int i = 0; i < a.size(); i++) {
                range[i] = asNumber(a.get(i), where + ".range[" + i + "]");
            }
        }
        Boolean local = null;
        if (o.has("local") && !o.get("local").isJsonNull()) {
            JsonElement v = o.get("local");
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
                throw new InvalidTaskConfigException(where + ".local must be true or false, got " + v);
            }
            local = v.getAsBoolean();
        }
        Double partial = o.has("partial") && !o.get("partial").isJsonNull()
                ? asNumber(o.get("partial"), where + ".partial") : null;
        for (String key : o.keySet()) {
            if (!Set.of("level", "range", "local", "partial").contains(key)) {
                throw new InvalidTaskConfigException("Unknown key '" + key + "' in " + where + "; allowed: level, range, local, partial");
            }
        }
        return new BasisConfig(level, range, local, partial);
    }

    static JsonObject object(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new InvalidTaskConfigException("Task configuration is missing '" + where + "'");
        }
        if (!e.isJsonObject()) {
            throw new InvalidTaskConfigException("'" + where + "' must be a JSON object, got " + e);
        }
        return e.getAsJsonObject();
    }

    static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidTaskConfigException("'" + where + "' must be a string, got " + e);
        }
        return e.getAsString();
    }

    static double number(JsonObject o, String key, String where, double fallback) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (Double.isNaN(fallback)) {
                throw new InvalidTaskConfigException("Task configuration is missing '" + where + "' (a number)");
            }
            return fallback;
        }
        return asNumber(e, where);
    }

    private static double asNumber(JsonElement e, String where) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidTaskConfigException("'" + where + "' must be a number, got " + e);
        }
        return e.getAsDouble();
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Writes the task in the spec's JSON schema (every basis key present, null when off). */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("batchsize", batchSize);
        JsonObject n = new JsonObject();
        n.addProperty("type", noise.type().key());
        n.addProperty("noise_level", noise.level());
        o.add("noise", n);
        for (int l = 0; l < STAGES; l++) {
            o.addProperty("last_channel_l" + l, lastChannelMultipliers[l]);
        }
        JsonObject f = new JsonObject();
        for (int l = 0; l < STAGES; l++) {
            JsonObject stage = new JsonObject();
            for (String key : SignalBases.keys()) {
                BasisConfig b = features.get(l).get(key);
                if (b == null) {
                    stage.add(key, JsonNull.INSTANCE);
                    continue;
                }
                stage.add(key, basisJson(b));
            }
            f.add(String.valueOf(l), stage);
        }
        o.add("feature", f);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(o);
    }

    /** One basis block as the schema writes it (level, then range, partial, local where set). */
    static JsonObject basisJson(BasisConfig b) {
        JsonObject bo = new JsonObject();
        bo.addProperty("level", b.level());
        if (b.range() != null) {
            JsonArray a = new JsonArray();
            Arrays.stream(b.range()).forEach(v -> a.add(new JsonPrimitive(v)));
            bo.add("range", a);
        }
        if (b.partial() != null) {
            bo.addProperty("partial", b.partial());
        }
        if (b.local() != null) {
            bo.addProperty("local", b.local());
        }
        return bo;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskConfig t
                && batchSize == t.batchSize
                && noise.equals(t.noise)
                && Arrays.equals(lastChannelMultipliers, t.lastChannelMultipliers)
                && features.equals(t.features);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(batchSize, noise, Arrays.hashCode(lastChannelMultipliers), features);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
