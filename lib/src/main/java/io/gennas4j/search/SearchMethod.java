package io.gennas4j.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end NAS methods of GenNAS §5 and their comparisons, by their command-line names.
 * {@code rea} = regularized evolution, {@code rs} = random search; the suffix is the fitness: the
 * GenNAS regression loss, a zero-cost measure, or the benchmark's validation accuracy (an oracle
 * that costs nothing here, the upper reference).
 */
public enum SearchMethod {
    REA_GENNAS("rea-gennas", true, "gennas"),
    RS_GENNAS("rs-gennas", false, "gennas"),
    /** Regularized evolution with the GenNAS loss, then the best few re-scored at a costlier protocol. */
    REA_GENNAS_2F("rea-gennas-2f", true, "gennas"),
    REA_NASWOT("rea-naswot", true, "naswot"),
    REA_SYNFLOW("rea-synflow", true, "synflow"),
    REA_ORACLE("rea-oracle", true, "oracle"),
    RS_ORACLE("rs-oracle", false, "oracle");

    private final String label;
    private final boolean evolution;
    private final String fitness;

    SearchMethod(String label, boolean evolution, String fitness) {
        this.label = label;
        this.evolution = evolution;
        this.fitness = fitness;
    }

    /** The command-line name, e.g. {@code rea-gennas}. */
    public String label() {
        return label;
    }

    /** Regularized evolution (true) or random search. */
    public boolean evolution() {
        return evolution;
    }

    /** Whether the search's best few are re-scored at a second, costlier fidelity ({@link TwoFidelity}). */
    public boolean twoFidelity() {
        return this == REA_GENNAS_2F;
    }

    /** {@code gennas}, {@code oracle} or a zero-cost measure's name. */
    public String fitness() {
        return fitness;
    }

    /**
     * A method by name ({@code rea-gennas}, …; case-insensitive).
     *
     * @throws IllegalArgumentException naming the known methods
     */
    public static SearchMethod byName(String name) {
        for (SearchMethod m : values()) {
            if (m.label.equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown search method '" + name + "': use one of "
                + Arrays.stream(values()).map(SearchMethod::label).toList() + " or all");
    }

    /** {@code all}, or a comma-separated list of names. */
    public static List<SearchMethod> parse(String list) {
        if (list.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return List.of(values());
        }
        List<SearchMethod> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(byName(s));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
