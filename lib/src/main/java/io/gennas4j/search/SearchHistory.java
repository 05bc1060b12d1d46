package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Everything a search evaluated, in order, with the best-so-far after each step. The chosen
 * genome is the best ever evaluated (GenNAS §5: the lowest loss seen), not the best of the final
 * population.
 *
 * @param method the search method ({@code regularized evolution}, {@code random search}, …)
 * @param fitness the fitness's name
 * @param higherIsBetter the fitness's direction
 * @param steps every evaluation, in order
 * @param wallSeconds the wall time of the run that produced this history (a replayed run's is
 *     shorter: cached steps cost no time). A replay equals the uninterrupted run in everything
 *     but this and the steps' {@code source}; compare {@link #table()} without that column
 * @param <G> the genome type
 */
public record SearchHistory<G>(String method, String fitness, boolean higherIsBetter, List<SearchStep<G>> steps,
        double wallSeconds) {

    public SearchHistory {
        steps = List.copyOf(steps);
    }

    /** Number of evaluations. */
    public int evaluations() {
        return steps.size();
    }

    /**
     * The best step (the chosen genome).
     *
     * @throws IllegalStateException for an empty history
     */
    public SearchStep<G> best() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("The search evaluated nothing");
        }
        return steps.get(steps.get(steps.size() - 1).bestStep() - 1);
    }

    /** The chosen genome: the best ever evaluated. */
    public G chosen() {
        return best().genome();
    }

    /**
     * What the search cost: the seconds of each distinct genome's first evaluation, added up. A
     * genome evaluated again (a mutation that changed nothing, a revisit) is looked up, not
     * recomputed: the proxies here give one value per genome and seed.
     */
    public double totalSeconds() {
        double[] c = cumulativeSeconds();
        return c.length == 0 ? 0 : c[c.length - 1];
    }

    /** {@link #totalSeconds()} after each step. */
    public double[] cumulativeSeconds() {
        double[] c = new double[steps.size()];
        java.util.Set<String> seen = new java.util.HashSet<>();
        double sum = 0;
        for (int i = 0; i < c.length; i++) {
            if (seen.add(steps.get(i).encoding())) {
                sum += steps.get(i).seconds();
            }
            c[i] = sum;
        }
        return c;
    }

    /** Distinct genomes evaluated. */
    public int distinct() {
        return (int) steps.stream().map(SearchStep::encoding).distinct().count();
    }

    /**
     * The history as a table: {@code step}, {@code phase}, {@code genome}, {@code fitness},
     * {@code seconds}, {@code source}, {@code best_step}, {@code best_fitness},
     * {@code best_genome}, {@code error}.
     */
    public Table table() {
        Table t = Table.create(method + " (" + fitness + ")", IntColumn.create("step"), StringColumn.create("phase"),
                StringColumn.create("genome"), DoubleColumn.create("fitness"), DoubleColumn.create("seconds"),
                StringColumn.create("source"), IntColumn.create("best_step"), DoubleColumn.create("best_fitness"),
                StringColumn.create("best_genome"), StringColumn.create("error"));
        for (SearchStep<G> s : steps) {
            t.intColumn("step").append(s.step());
            t.stringColumn("phase").append(s.phase());
            t.stringColumn("genome").append(s.encoding());
            t.doubleColumn("fitness").append(s.fitness());
            t.doubleColumn("seconds").append(s.seconds());
            t.stringColumn("source").append(s.evaluation().source());
            t.intColumn("best_step").append(s.bestStep());
            t.doubleColumn("best_fitness").append(s.bestFitness());
            t.stringColumn("best_genome").append(steps.get(s.bestStep() - 1).encoding());
            t.stringColumn("error").append(s.evaluation().error() == null ? "" : s.evaluation().error());
        }
        return t;
    }

    /**
     * The table with, per target, the benchmark accuracy of the best-so-far architecture
     * ({@code best_<target>}). Read after the search: the search never saw these values.
     *
     * @param toArch how a genome is an architecture (identity for architecture searches)
     */
    public Table table(Accuracies accuracies, List<String> targets, Function<G, ? extends Architecture> toArch) {
        Table t = table();
        for (String target : targets) {
            t.addColumns(DoubleColumn.create("best_" + target, bestSoFar(accuracies, target, toArch)));
        }
        return t;
    }

    /** Best-so-far accuracy of {@code target} after each step (for curves). */
    public double[] bestSoFar(Accuracies accuracies, String target, Function<G, ? extends Architecture> toArch) {
        double[] v = new double[steps.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = accuracies.accuracy(toArch.apply(steps.get(steps.get(i).bestStep() - 1).genome()), target);
        }
        return v;
    }

    /** The encodings in evaluation order (what a replay must reproduce). */
    public List<String> encodings() {
        List<String> e = new ArrayList<>();
        steps.forEach(s -> e.add(s.encoding()));
        return e;
    }
}
