package io.gennas4j.proxy.eproxy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gennas4j.task.eproxy.TargetMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settings Eproxy's Discrete Proxy Search tunes (spec §7.3, with {@code transnas-eproxy.md}
 * B.8): learning rate, the MACs weight α, how many branches are used, the two initialisations, and
 * per branch slot the target maps, head and barrier kernels, channels and level. Three slots
 * always exist (a DPS genome mutates unused ones too); only the first {@code branches} are built.
 * Branch 0 sits on the deepest stage.
 *
 * <p>JSON form (canonical: fixed key order, features in {@link TargetMap} order):
 *
 * <pre>{@code
 * {"lr":1.2,"alpha":0.1,"mac_mode":"loss_macs","branches":1,"init_net":"pytorch_default",
 *  "init_barrier":"pytorch_default","slots":[{"features":["net","wave_h"],"head_kernel":3,
 *  "barrier_kernel":3,"out_channels":512,"last_channels":64,"level":1.0}, …]}
 * }</pre>
 *
 * @param learningRate SGD learning rate (default 1.2; DPS 0.5–1.5)
 * @param alpha α of the MACs factor (1 − α·MACs/MACs_max) (default 0.1; DPS −0.5–0.5)
 * @param macMode how the score uses MACs
 * @param branches branches built, 1–3
 * @param initNet initialisation of backbone and heads
 * @param initBarrier initialisation of the barrier convolutions
 * @param slots three branch slots
 */
public record EproxyConfig(double learningRate, double alpha, MacMode macMode, int branches, InitScheme initNet,
        InitScheme initBarrier, List<Branch> slots) {

    /** Branch slots in every configuration. */
    public static final int SLOTS = 3;
    /** Kernel sizes of heads and barriers (the reference's index 0, 1, 2). */
    public static final int[] KERNELS = {1, 3, 7};
    /** Channel choices of {@code out_channel} and {@code last_channel}. */
    public static final int[] CHANNELS = {16, 32, 64, 128, 256, 512};
    /** Level choices. */
    public static final double[] LEVELS = {0.5, 1, 1.5, 2};

    /** How the score uses the backbone's MACs (the reference's {@code mac_mode}). */
    public enum MacMode {
        /** score = L_e (no MACs term). */
        LOSS,
        /** score = L_e · (1 − α·MACs/MACs_max) (the reference's {@code loss_macs}, Eproxy's default). */
        LOSS_MACS,
        /** score = −MACs (the reference's {@code config_macs_*}: a FLOPs-only baseline, no training). */
        MACS_ONLY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static MacMode fromKey(String key) {
            for (MacMode m : values()) {
                if (m.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("Unknown mac_mode '" + key + "': use loss, loss_macs or macs_only");
        }
    }

    /**
     * One branch: trainable head Conv(headKernel) in→outChannels + ReLU + BN, then the untrainable
     * barrier Conv(barrierKernel) outChannels→lastChannels (with bias), regressing
     * level · Σ features[:, :lastChannels].
     */
    public record Branch(Set<TargetMap> features, int headKernel, int barrierKernel, int outChannels, int lastChannels,
            double level) {

        public Branch {
            features = features.isEmpty() ? EnumSet.noneOf(TargetMap.class) : EnumSet.copyOf(features);
            requireIn("head_kernel", headKernel, KERNELS);
            requireIn("barrier_kernel", barrierKernel, KERNELS);
            if (outChannels < 1 || lastChannels < 1 || lastChannels > io.gennas4j.task.eproxy.EproxyTargets.CHANNELS) {
                throw new IllegalArgumentException("out_channels must be >= 1 and last_channels 1..512, got " + outChannels
                        + " and " + lastChannels);
            }
            if (!(level > 0) || Double.isInfinite(level)) {
                throw new IllegalArgumentException("level must be a positive number, got " + level);
            }
        }

        @Override
        public Set<TargetMap> features() {
            return features.isEmpty() ? EnumSet.noneOf(TargetMap.class) : EnumSet.copyOf(features);
        }
    }

    public EproxyConfig {
        if (slots == null || slots.size() != SLOTS) {
            throw new IllegalArgumentException("An Eproxy configuration has " + SLOTS + " branch slots, got "
                    + (slots == null ? 0 : slots.size()));
        }
        slots = List.copyOf(slots);
        if (branches < 1 || branches > SLOTS) {
            throw new IllegalArgumentException("branches must be 1, 2 or 3, got " + branches);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("lr must be a positive number, got " + learningRate);
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        }
        java.util.Objects.requireNonNull(macMode, "mac_mode");
        java.util.Objects.requireNonNull(initNet, "init_net");
        java.util.Objects.requireNonNull(initBarrier, "init_barrier");
    }

    /**
     * Eproxy without DPS (spec §7.3 "Default non-DPS Eproxy", B.8 item 2, the
     * {@code config_loss_macs_*_nas} starting point): one branch on the deepest stage, head
     * Conv3×3 → 512 + ReLU + BN, barrier Conv3×3 512 → 64, target (net + wave_h)[:, :64], level 1,
     * lr 1.2, α 0.1, MACs term on, PyTorch default initialisation.
     */
    public static EproxyConfig defaults() {
        Branch b = new Branch(EnumSet.of(TargetMap.NET, TargetMap.WAVE_H), 3, 3, 512, 64, 1.0);
        return new EproxyConfig(1.2, 0.1, MacMode.LOSS_MACS, 1, InitScheme.PYTORCH_DEFAULT, InitScheme.PYTORCH_DEFAULT,
                List.of(b, b, b));
    }

    /** The branches that are built: the first {@link #branches()} slots. */
    public List<Branch> active() {
        return slots.subList(0, branches);
    }

    public EproxyConfig withLearningRate(double lr) {
        return new EproxyConfig(lr, alpha, macMode, branches, initNet, initBarrier, slots);
    }

    public EproxyConfig withAlpha(double a) {
        return new EproxyConfig(learningRate, a, macMode, branches, initNet, initBarrier, slots);
    }

    public EproxyConfig withMacMode(MacMode mode) {
        return new EproxyConfig(learningRate, alpha, mode, branches, initNet, initBarrier, slots);
    }

    /** The canonical one-line JSON. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("lr", learningRate);
        o.addProperty("alpha", alpha);
        o.addProperty("mac_mode", macMode.key());
        o.addProperty("branches", branches);
        o.addProperty("init_net", initNet.key());
        o.addProperty("init_barrier", initBarrier.key());
        JsonArray arr = new JsonArray();
        for (Branch b : slots) {
            JsonObject s = new JsonObject();
            JsonArray f = new JsonArray();
            for (TargetMap m : TargetMap.values()) {
                if (b.features().contains(m)) {
                    f.add(m.key());
                }
            }
            s.add("features", f);
            s.addProperty("head_kernel", b.headKernel());
            s.addProperty("barrier_kernel", b.barrierKernel());
            s.addProperty("out_channels", b.outChannels());
            s.addProperty("last_channels", b.lastChannels());
            s.addProperty("level", b.level());
            arr.add(s);
        }
        o.add("slots", arr);
        return o.toString();
    }

    /**
     * Parses the JSON form. Missing top-level keys take the defaults' values; {@code slots} may
     * list 1–3 slots (missing ones repeat the last given).
     *
     * @throws IllegalArgumentException naming the bad key and its valid values
     */
    public static EproxyConfig fromJson(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("An Eproxy configuration is a JSON object like " + defaults().toJson()
                    + "; could not parse: " + e.getMessage(), e);
        }
        EproxyConfig d = defaults();
        List<Branch> slots = new ArrayList<>();
        if (o.has("slots")) {
            for (JsonElement e : o.getAsJsonArray("slots")) {
                JsonObject s = e.getAsJsonObject();
                Set<TargetMap> features = EnumSet.noneOf(TargetMap.class);
                if (!s.has("features")) {
                    throw new IllegalArgumentException("A slot needs \"features\": a list of net, wave_l, wave_m, wave_h, dot (may be empty)");
                }
                for (JsonElement f : s.getAsJsonArray("features")) {
                    features.add(TargetMap.fromKey(f.getAsString()));
                }
                slots.add(new Branch(features, intOf(s, "head_kernel", 3), intOf(s, "barrier_kernel", 3),
                        intOf(s, "out_channels", 512), intOf(s, "last_channels", 64),
                        s.has("level") ? s.get("level").getAsDouble() : 1.0));
            }
            if (slots.isEmpty() || slots.size() > SLOTS) {
                throw new IllegalArgumentException("\"slots\" lists 1 to 3 branch slots, got " + slots.size());
            }
            while (slots.size() < SLOTS) {
                slots.add(slots.get(slots.size() - 1));
            }
        } else {
            slots.addAll(d.slots());
        }
        return new EproxyConfig(
                o.has("lr") ? o.get("lr").getAsDouble() : d.learningRate(),
                o.has("alpha") ? o.get("alpha").getAsDouble() : d.alpha(),
                o.has("mac_mode") ? MacMode.fromKey(o.get("mac_mode").getAsString()) : d.macMode(),
                o.has("branches") ? o.get("branches").getAsInt() : d.branches(),
                o.has("init_net") ? InitScheme.fromKey(o.get("init_net").getAsString()) : d.initNet(),
                o.has("init_barrier") ? InitScheme.fromKey(o.get("init_barrier").getAsString()) : d.initBarrier(),
                slots);
    }

    private static int intOf(JsonObject s, String key, int fallback) {
        return s.has(key) ? s.get(key).getAsInt() : fallback;
    }

    private static void requireIn(String name, int value, int[] allowed) {
        for (int a : allowed) {
            if (a == value) {
                return;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(allowed) + ", got " + value);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
