package io.gennas4j.task;

/**
 * Input noise: type and level ℓ.
 *
 * @param type uniform or Gaussian
 * @param level ℓ ≥ 0 (the task search draws it from 0.0, 0.1, …, 0.9)
 */
public record NoiseConfig(NoiseType type, double level) {

    public NoiseConfig {
        if (type == null) {
            throw new InvalidTaskConfigException("noise.type is missing: use \"uniform\" or \"gaussian\"");
        }
        if (!(level >= 0) || Double.isInfinite(level)) {
            throw new InvalidTaskConfigException("noise.noise_level must be a number >= 0, got " + level);
        }
    }

    public static NoiseConfig none() {
        return new NoiseConfig(NoiseType.UNIFORM, 0);
    }
}
