package io.gennas4j.ranking;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The suite's columns in a table, one row per {@link RankingMetrics}: n, degenerate, failed,
 * signed ρ with its interval, signed τ with its interval, |ρ|, |τ|, Pearson r, precision among
 * the top 1/5/10 %, K, BR@K and WR@K.
 */
final class MetricsColumns {

    static final String[] DOUBLES = {"spearman", "spearman_ci_low", "spearman_ci_high", "kendall", "kendall_ci_low",
            "kendall_ci_high", "|spearman|", "|kendall|", "pearson", "top1%_precision", "top5%_precision", "top10%_precision"};

    private MetricsColumns() {}

    /** Adds the columns (after those already there). */
    static void add(Table t) {
        t.addColumns(IntColumn.create("n"), IntColumn.create("degenerate"), IntColumn.create("failed"));
        for (String c : DOUBLES) {
            t.addColumns(DoubleColumn.create(c));
        }
        t.addColumns(IntColumn.create("K"), IntColumn.create("BR@K"), IntColumn.create("WR@K"));
    }

    /** Appends one row's metric cells; {@code round} keeps 4 decimals. */
    static void append(Table t, RankingMetrics m, int failed, boolean round) {
        t.intColumn("n").append(m.n());
        t.intColumn("degenerate").append(m.degenerate());
        t.intColumn("failed").append(failed);
        double[] v = {m.spearman(), m.spearmanInterval().low(), m.spearmanInterval().high(), m.kendall(),
                m.kendallInterval().low(), m.kendallInterval().high(), m.absSpearman(), m.absKendall(), m.pearson(),
                m.precisionTop1(), m.precisionTop5(), m.precisionTop10()};
        for (int i = 0; i < DOUBLES.length; i++) {
            t.doubleColumn(DOUBLES[i]).append(round ? round(v[i]) : v[i]);
        }
        t.intColumn("K").append(m.k());
        t.intColumn("BR@K").append(m.bestRankAtK());
        t.intColumn("WR@K").append(m.worstRankAtK());
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : v;
    }
}
