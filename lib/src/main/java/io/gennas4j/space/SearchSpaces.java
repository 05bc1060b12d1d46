package io.gennas4j.space;

import io.gennas4j.space.nb201.Nb201Space;
import java.util.LinkedHashMap;
import java.util.Map;

/** Looks search spaces up by name. */
public final class SearchSpaces {

    private static final Map<String, SearchSpace<?>> SPACES = new LinkedHashMap<>();

    static {
        register(Nb201Space.INSTANCE);
        register(Nb201Space.FUNCTIONAL);
        register(io.gennas4j.space.nb101.Nb101Space.INSTANCE);
        register(io.gennas4j.space.transnas.TransNasSpace.MICRO);
        register(io.gennas4j.space.transnas.TransNasSpace.MACRO);
        register(io.gennas4j.space.transnas.TransNasSpace.MICRO_BENCHMARK);
        register(io.gennas4j.space.transnas.TransNasSpace.MACRO_BENCHMARK);
        register(io.gennas4j.space.nbnlp.NlpSpace.INSTANCE);
    }

    private SearchSpaces() {}

    public static synchronized void register(SearchSpace<?> space) {
        SPACES.put(space.name(), space);
    }

    /**
     * Returns the space with that name.
     *
     * @throws IllegalArgumentException naming the known spaces when the name is unknown
     */
    public static synchronized SearchSpace<?> byName(String name) {
        SearchSpace<?> space = SPACES.get(name == null ? "" : name.trim().toLowerCase());
        if (space == null) {
            throw new IllegalArgumentException(
                    "Unknown search space '" + name + "'. Known spaces: " + String.join(", ", SPACES.keySet()));
        }
        return space;
    }
}
