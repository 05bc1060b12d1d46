package io.gennas4j.task;

/**
 * A family of synthetic target maps (spec §1.4). A new signal is one implementation of this
 * interface registered in {@link SignalBases}; the task JSON names it by {@link #key()}.
 */
public interface SignalBasis {

    /** The key in the task JSON ({@code sin1d}, {@code dot_gaussian}, …). */
    String key();

    /**
     * Draws the basis tensor for one stage, before the level multiplier: row-major
     * [batch, channels, size, size].
     */
    float[] draw(BasisConfig config, SignalContext context);

    /**
     * Checks a configuration block read from JSON.
     *
     * @param where e.g. {@code feature.1.sin2d}, used in the error message
     * @throws InvalidTaskConfigException naming the field and the fix
     */
    void validate(BasisConfig config, String where);
}
