package io.gennas4j.task;

/** Input noise added afresh at every iteration (spec §1.1). */
public enum NoiseType {
    /** Each element ~ U(−ℓ, ℓ). */
    UNIFORM("uniform"),
    /** Each element ~ N(0, 1)·ℓ. */
    GAUSSIAN("gaussian");

    private final String key;

    NoiseType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static NoiseType fromKey(String key) {
        for (NoiseType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new InvalidTaskConfigException("Unknown noise type '" + key + "': use \"uniform\" or \"gaussian\"");
    }
}
