package io.gennas4j.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The signal bases by JSON key, in the order the task draws them within a stage. */
public final class SignalBases {

    private static final Map<String, SignalBasis> BASES = new LinkedHashMap<>();

    static {
        for (SignalBasis b : List.of(new Sin1D(), new Sin2D(), new Dot(), new GaussianDot(), new Resize())) {
            BASES.put(b.key(), b);
        }
    }

    private SignalBases() {}

    /** Registers another basis; its key becomes valid in task JSON. */
    public static synchronized void register(SignalBasis basis) {
        BASES.put(basis.key(), basis);
    }

    public static synchronized List<String> keys() {
        return List.copyOf(BASES.keySet());
    }

    public static synchronized SignalBasis byKey(String key) {
        SignalBasis basis = BASES.get(key);
        if (basis == null) {
            throw new InvalidTaskConfigException("Unknown signal basis '" + key + "'. Known bases: " + String.join(", ", BASES.keySet()));
        }
        return basis;
    }
}
