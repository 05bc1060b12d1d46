package io.gennas4j.ranking;

import io.gennas4j.benchmark.Nb201Dataset;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.space.nb201.Nb201Arch;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Proxy scores against NAS-Bench-201 accuracies, for every dataset and split. */
public final class Nb201Ranking {

    private Nb201Ranking() {}

    /**
     * Correlations of a score table (columns {@code arch} and {@code score}; rows with a missing
     * score are skipped) with the 200-epoch accuracies.
     */
    public static List<Correlation> correlations(Table scores, Nb201Table truth) {
        StringColumn arch = scores.stringColumn("arch");
        DoubleColumn score = scores.doubleColumn("score");
        List<Correlation> out = new ArrayList<>();
        for (Nb201Dataset d : Nb201Dataset.values()) {
            for (boolean test : new boolean[] {true, false}) {
                double[] s = new double[scores.rowCount()];
                double[] acc = new double[scores.rowCount()];
                for (int r = 0; r < scores.rowCount(); r++) {
                    s[r] = score.isMissing(r) ? Double.NaN : score.get(r);
                    acc[r] = truth.accuracy(Nb201Arch.parse(arch.get(r)), d, test);
                }
                out.add(RankCorrelation.of(d.title() + (test ? " test" : " valid"), s, acc));
            }
        }
        return out;
    }

    /** The same as a table: dataset, split, n, ρ, τ, |ρ|, |τ|. */
    public static Table table(Table scores, Nb201Table truth) {
        Table t = Table.create("Rank correlation with NAS-Bench-201 accuracy",
                StringColumn.create("dataset"), StringColumn.create("accuracy"), IntColumn.create("n"),
                DoubleColumn.create("spearman"), DoubleColumn.create("kendall"),
                DoubleColumn.create("|spearman|"), DoubleColumn.create("|kendall|"));
        for (Correlation c : correlations(scores, truth)) {
            int space = c.label().lastIndexOf(' ');
            t.stringColumn("dataset").append(c.label().substring(0, space));
            t.stringColumn("accuracy").append(c.label().substring(space + 1));
            t.intColumn("n").append(c.n());
            t.doubleColumn("spearman").append(round(c.spearman()));
            t.doubleColumn("kendall").append(round(c.kendall()));
            t.doubleColumn("|spearman|").append(round(c.absSpearman()));
            t.doubleColumn("|kendall|").append(round(c.absKendall()));
        }
        return t;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
