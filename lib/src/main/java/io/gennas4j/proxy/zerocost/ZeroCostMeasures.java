package io.gennas4j.proxy.zerocost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The zero-cost measures by name, in the order tables list them. */
public final class ZeroCostMeasures {

    private static final Map<String, ZeroCostMeasure> MEASURES = new LinkedHashMap<>();

    static {
        register(new GradientMeasure.GradNorm());
        register(new GradientMeasure.Snip());
        register(new Grasp());
        register(new Fisher());
        register(new Synflow());
        register(new JacobCov());
        register(new Naswot());
        register(new GradientMeasure.Plain());
        register(new Complexity.Params());
        register(new Complexity.Flops());
    }

    private ZeroCostMeasures() {}

    public static synchronized void register(ZeroCostMeasure measure) {
        MEASURES.put(measure.name(), measure);
    }

    /** Every registered name. */
    public static synchronized List<String> names() {
        return new ArrayList<>(MEASURES.keySet());
    }

    /**
     * The measure with that name.
     *
     * @throws IllegalArgumentException naming the known measures when the name is unknown
     */
    public static synchronized ZeroCostMeasure byName(String name) {
        ZeroCostMeasure m = MEASURES.get(name == null ? "" : name.trim().toLowerCase());
        if (m == null) {
            throw new IllegalArgumentException(
                    "Unknown zero-cost measure '" + name + "'. Known measures: " + String.join(", ", MEASURES.keySet()));
        }
        return m;
    }
}
