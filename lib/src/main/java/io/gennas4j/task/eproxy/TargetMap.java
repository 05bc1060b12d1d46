package io.gennas4j.task.eproxy;

import java.util.Locale;

/**
 * The five fixed Eproxy target tensors (spec {@code transnas-eproxy.md} Part B), each
 * [16, 512, 8, 8]: a random untrained CNN's features of the input batch, three bands of Sin1D
 * waves and random ±1 dots.
 */
public enum TargetMap {
    /** Features of a random-initialised CNN applied to the batch, divided by max|·| (B.4). */
    NET,
    /** Sin1D at very low frequencies, β ≈ 0.014–0.023 (B.3). */
    WAVE_L,
    /** Sin1D at GenNAS's "M" frequencies 0.125–0.35 (B.3). */
    WAVE_M,
    /** Sin1D at GenNAS's "H" frequencies 0.375–0.4875 (B.3). */
    WAVE_H,
    /** Independent ±1 at every element (B.2). */
    DOT;

    /** The reference's file name: {@code net}, {@code wave_l}, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The map with this reference name.
     *
     * @throws IllegalArgumentException naming the five valid names
     */
    public static TargetMap fromKey(String key) {
        for (TargetMap m : values()) {
            if (m.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown Eproxy target map '" + key + "': use net, wave_l, wave_m, wave_h or dot");
    }
}
