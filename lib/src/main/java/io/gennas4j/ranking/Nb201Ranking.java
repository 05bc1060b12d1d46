package io.gennas4j.ranking;

import io.gennas4j.benchmark.Nb201Dataset;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.space.nb201.Nb201Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Proxy scores against NAS-Bench-201 accuracies, for every dataset and split, with the whole
 * {@link RankingMetrics} suite. Failed rows (an {@code error}) are left out; degenerate scores
 * follow the settings' {@link DegenerateScores} policy ({@link DegenerateScores#WORST} by default).
 */
public final class Nb201Ranking {

    private Nb201Ranking() {}

    /**
     * The suite on one dataset and split.
     *
     * @param dataset the NAS-Bench-201 dataset
     * @param test test accuracy (true) or validation accuracy (false), 200 epochs
     * @param metrics the suite
     * @param failed rows left out because scoring failed
     */
    public record Row(Nb201Dataset dataset, boolean test, RankingMetrics metrics, int failed) {

        /** E.g. {@code CIFAR-10 test}. */
        public String label() {
            return dataset.title() + (test ? " test" : " valid");
        }

        /** The figure key, e.g. {@code cifar10_test}, {@code imagenet16_valid}. */
        public String key() {
            return label().toLowerCase(Locale.ROOT).replace("-", "").replace("imagenet16120", "imagenet16").replace(' ', '_');
        }
    }

    /**
     * The suite for every dataset and split (CIFAR-10, CIFAR-100, ImageNet16-120; test then valid).
     *
     * @param scores columns {@code arch}, {@code score} (and {@code error}), as the scoring runner writes
     * @param higherIsBetter the proxy's direction ({@code Proxy.higherIsBetter()}; false for GenNAS's loss)
     * @throws IllegalArgumentException for a missing column or an architecture not in the benchmark
     */
    public static List<Row> rows(Table scores, Nb201Table truth, boolean higherIsBetter, RankingMetrics.Settings settings) {
        ScoreTables.Scored scored = ScoreTables.read(scores);
        List<Nb201Arch> archs = scored.archs().stream().map(Nb201Arch::parse).toList();
        List<Row> out = new ArrayList<>();
        for (Nb201Dataset d : Nb201Dataset.values()) {
            for (boolean test : new boolean[] {true, false}) {
                double[] acc = new double[archs.size()];
                for (int r = 0; r < acc.length; r++) {
                    acc[r] = truth.accuracy(archs.get(r), d, test);
                }
                out.add(new Row(d, test, RankingMetrics.of(scored.scores(), acc, higherIsBetter, settings), scored.failed()));
            }
        }
        return out;
    }

    /**
     * Correlations of a score table with the 200-epoch accuracies, reading higher scores as
     * better (this only places degenerate scores; ρ and τ of finite scores do not depend on it).
     */
    public static List<Correlation> correlations(Table scores, Nb201Table truth) {
        return correlations(scores, truth, true);
    }

    /** n, signed ρ and τ per dataset and split, with the default settings. */
    public static List<Correlation> correlations(Table scores, Nb201Table truth, boolean higherIsBetter) {
        return rows(scores, truth, higherIsBetter, RankingMetrics.Settings.DEFAULT).stream()
                .map(r -> r.metrics().correlation(r.label())).toList();
    }

    /** {@link #table(Table, Nb201Table, boolean)} reading higher scores as better. */
    public static Table table(Table scores, Nb201Table truth) {
        return table(scores, truth, true);
    }

    /** {@link #table(Table, Nb201Table, boolean, RankingMetrics.Settings)} with the default settings. */
    public static Table table(Table scores, Nb201Table truth, boolean higherIsBetter) {
        return table(scores, truth, higherIsBetter, RankingMetrics.Settings.DEFAULT);
    }

    /**
     * The suite as a table, one row per dataset and split: dataset, accuracy (test/valid), n,
     * degenerate, failed, signed ρ and its interval, signed τ and its interval, |ρ|, |τ|, Pearson
     * r, precision among the top 1/5/10 %, K, BR@K, WR@K (4 decimals).
     */
    public static Table table(Table scores, Nb201Table truth, boolean higherIsBetter, RankingMetrics.Settings settings) {
        Table t = Table.create("Rank correlation with NAS-Bench-201 accuracy (" + settings.degenerate()
                + " degenerate scores; 95% bootstrap intervals, " + settings.resamples() + " resamples, seed " + settings.seed() + ")",
                StringColumn.create("dataset"), StringColumn.create("accuracy"));
        MetricsColumns.add(t);
        for (Row r : rows(scores, truth, higherIsBetter, settings)) {
            t.stringColumn("dataset").append(r.dataset().title());
            t.stringColumn("accuracy").append(r.test() ? "test" : "valid");
            MetricsColumns.append(t, r.metrics(), r.failed(), true);
        }
        return t;
    }
}
