package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.ranking.DegenerateScores;
import io.gennas4j.ranking.RankingMetrics;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.Architecture;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tasks compared on held-out architectures (GenNAS §4's evaluation of a searched task): each task
 * scores the same architectures with the same protocol under several seeds, and is ranked
 * against the benchmark by |Spearman ρ| and |Kendall τ|, mean ± std over seeds.
 *
 * @param runs one row per (task, seed): {@code task}, {@code seed}, {@code n}, {@code |spearman|} with
 *     its seeded bootstrap 95 % interval {@code |spearman| low} / {@code |spearman| high}
 *     ({@link RankingMetrics}; an architecture that failed to score is left out), {@code |kendall|}, {@code s/arch} (median)
 */
public record HeldOutComparison(Table runs) {

    /**
     * Scores every task on {@code archs} with every seed.
     *
     * @param tasks task label → configuration, in table order
     */
    public static HeldOutComparison run(Map<String, TaskConfig> tasks, List<? extends Architecture> archs, Accuracies truth,
            String target, Protocol protocol, List<Long> seeds, ScoreCache cache, int workers) {
        Table t = Table.create("Held-out |rho| per task and seed", StringColumn.create("task"), IntColumn.create("seed"),
                IntColumn.create("n"), DoubleColumn.create("|spearman|"), DoubleColumn.create("|spearman| low"),
                DoubleColumn.create("|spearman| high"), DoubleColumn.create("|kendall|"), DoubleColumn.create("s/arch"));
        double[] acc = new double[archs.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = truth.accuracy(archs.get(i), target);
        }
        for (var e : tasks.entrySet()) {
            for (long seed : seeds) {
                System.out.println("== " + e.getKey() + ", seed " + seed + ", " + archs.size() + " architectures");
                try (RegressionProxy p = RegressionProxy.builder().setTask(e.getValue()).optProtocol(protocol).optSeed(seed).build()) {
                    ScoringRunner.Builder rb = ScoringRunner.builder().setProxy(p).optCache(cache).optProgress(ProgressListener.console(30));
                    rb.optWorkers(workers);
                    Table s = rb.build().run(archs);
                    double[] loss = new double[archs.size()];
                    java.util.Arrays.fill(loss, Double.NaN);
                    for (int r = 0; r < s.rowCount(); r++) {
                        loss[r] = s.doubleColumn("score").isMissing(r) ? Double.NaN : s.doubleColumn("score").get(r);
                    }
                    // failed architectures are left out (as this table always did: n says how many remain)
                    RankingMetrics c = RankingMetrics.of(loss, acc, false, RankingMetrics.Settings.DEFAULT.withDegenerate(DegenerateScores.DROP));
                    t.stringColumn("task").append(e.getKey());
                    t.intColumn("seed").append((int) seed);
                    t.intColumn("n").append(c.n());
                    t.doubleColumn("|spearman|").append(c.absSpearman());
                    t.doubleColumn("|spearman| low").append(c.absSpearmanInterval().low());
                    t.doubleColumn("|spearman| high").append(c.absSpearmanInterval().high());
                    t.doubleColumn("|kendall|").append(c.absKendall());
                    t.doubleColumn("s/arch").append(s.doubleColumn("seconds").median());
                }
            }
        }
        return new HeldOutComparison(t);
    }

    /**
     * Per task: mean and std of |ρ| over seeds, the mean over seeds of each seed's bootstrap 95 %
     * interval ({@code |rho| low} / {@code |rho| high}: the sampling error of n architectures,
     * which the std over seeds does not show), mean |τ|, architectures, median seconds per
     * architecture.
     */
    public Table summary() {
        Table out = Table.create("Held-out ranking quality, mean +/- std over seeds", StringColumn.create("task"),
                IntColumn.create("seeds"), IntColumn.create("n"), DoubleColumn.create("|rho| mean"), DoubleColumn.create("|rho| std"),
                DoubleColumn.create("|rho| low"), DoubleColumn.create("|rho| high"), DoubleColumn.create("|tau| mean"),
                DoubleColumn.create("s/arch"));
        List<String> tasks = new ArrayList<>(new java.util.LinkedHashSet<>(runs.stringColumn("task").asList()));
        for (String task : tasks) {
            Table r = runs.where(runs.stringColumn("task").isEqualTo(task));
            DescriptiveStatistics rho = new DescriptiveStatistics(r.doubleColumn("|spearman|").asDoubleArray());
            out.stringColumn("task").append(task);
            out.intColumn("seeds").append(r.rowCount());
            out.intColumn("n").append((int) r.intColumn("n").min());
            out.doubleColumn("|rho| mean").append(rho.getMean());
            out.doubleColumn("|rho| std").append(r.rowCount() > 1 ? rho.getStandardDeviation() : Double.NaN);
            out.doubleColumn("|rho| low").append(r.doubleColumn("|spearman| low").mean());
            out.doubleColumn("|rho| high").append(r.doubleColumn("|spearman| high").mean());
            out.doubleColumn("|tau| mean").append(r.doubleColumn("|kendall|").mean());
            out.doubleColumn("s/arch").append(r.doubleColumn("s/arch").median());
        }
        return out;
    }

    /** Mean |ρ| of one task over its seeds. */
    public double meanRho(String task) {
        return runs.where(runs.stringColumn("task").isEqualTo(task)).doubleColumn("|spearman|").mean();
    }
}
