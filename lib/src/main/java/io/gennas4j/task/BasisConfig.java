package io.gennas4j.task;

import java.util.Arrays;

/**
 * One enabled signal basis in one stage (spec §1.5). Which fields matter depends on the basis:
 * sin1d/sin2d use {@code range} and {@code local}; dot/dot_gaussian use {@code partial} and
 * {@code local}; resize uses only {@code level}. Unused fields are {@code null}.
 *
 * @param level amplitude multiplier a
 * @param range frequencies β (cycles per pixel, in [0, 0.5)), usually 10 of them
 * @param local true: an independent draw per image; false: one draw shared by the batch
 * @param partial fraction of the 8×8 pixels set to ±1
 */
public record BasisConfig(double level, double[] range, Boolean local, Double partial) {

    public BasisConfig {
        range = range == null ? null : range.clone();
    }

    public static BasisConfig wave(double level, boolean local, double... range) {
        return new BasisConfig(level, range, local, null);
    }

    public static BasisConfig dots(double level, double partial, boolean local) {
        return new BasisConfig(level, null, local, partial);
    }

    public static BasisConfig resize(double level) {
        return new BasisConfig(level, null, null, null);
    }

    @Override
    public double[] range() {
        return range == null ? null : range.clone();
    }

    public boolean isLocal() {
        return local != null && local;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasisConfig b
                && Double.compare(level, b.level) == 0
                && Arrays.equals(range, b.range)
                && java.util.Objects.equals(local, b.local)
                && java.util.Objects.equals(partial, b.partial);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(level, Arrays.hashCode(range), local, partial);
    }

    @Override
    public String toString() {
        return "BasisConfig[level=" + level + (range != null ? ", range=" + Arrays.toString(range) : "")
                + (local != null ? ", local=" + local : "") + (partial != null ? ", partial=" + partial : "") + "]";
    }
}
