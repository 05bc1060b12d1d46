package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Nb201Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MethodComparisonTest {

    static final Nb201Table TRUTH = Nb201Table.load();

    /** The first 40 of GenNAS sample 0 scored by CIFAR-10 test accuracy times {@code sign}. */
    static Table scores(double sign) {
        StringColumn arch = StringColumn.create("arch");
        DoubleColumn score = DoubleColumn.create("score");
        for (var a : TRUTH.gennasSample(0).subList(0, 40)) {
            arch.append(a.encoding());
            score.append(sign * TRUTH.accuracy(a, io.gennas4j.benchmark.Nb201Dataset.CIFAR10, true));
        }
        double[] secs = new double[40];
        java.util.Arrays.fill(secs, 0.5);
        return Table.create("scores", arch, score, DoubleColumn.create("seconds", secs));
    }

    @Test
    void everyTableHasNIntervalsAndSignedValues() {
        MethodComparison cmp = new MethodComparison()
                .add("oracle", scores(1), TRUTH.accuracies())
                .add("oracle-loss", scores(-1), TRUTH.accuracies(), false)
                .add("backwards", scores(-1), TRUTH.accuracies());
        MethodComparison.Entry e = cmp.entry("oracle", "cifar10_test");
        assertEquals(40, e.metrics().n());
        assertEquals(1, e.metrics().spearman(), 1e-12);
        assertEquals(1, e.metrics().precisionTop10(), 1e-12);
        assertEquals(1, e.metrics().bestRankAtK());
        // a loss read as a loss: signed rho -1, aligned +1, the same top-k as the oracle
        MethodComparison.Entry l = cmp.entry("oracle-loss", "cifar10_test");
        assertEquals(-1, l.metrics().spearman(), 1e-12);
        assertEquals(1, l.metrics().precisionTop10(), 1e-12);
        assertFalse(cmp.negative("oracle-loss", "cifar10_test"));
        // the same scores claimed higher-is-better rank against their claim
        assertTrue(cmp.negative("backwards", "cifar10_test"));
        assertEquals(0, cmp.entry("backwards", "cifar10_test").metrics().precisionTop10(), 1e-12);

        Table t = cmp.table();
        for (String c : List.of("n", "degenerate", "failed", "spearman", "spearman_ci_low", "spearman_ci_high", "kendall",
                "kendall_ci_low", "kendall_ci_high", "|spearman|", "|kendall|", "pearson", "top1%_precision",
                "top5%_precision", "top10%_precision", "K", "BR@K", "WR@K", "seconds_per_arch")) {
            assertTrue(t.columnNames().contains(c), c + " in " + t.columnNames());
        }
        assertEquals(3 * 6, t.rowCount());
        Table w = cmp.wide("|spearman|", List.of("cifar10_test", "cifar100_test"));
        assertEquals(List.of("method", "cifar10_test", "cifar10_test low", "cifar10_test high", "cifar100_test",
                "cifar100_test low", "cifar100_test high", "n nb201", "degenerate nb201", "s/arch nb201"), w.columnNames());
        assertEquals(40, w.intColumn("n nb201").get(0));
        assertEquals(1, w.doubleColumn("cifar10_test").get(2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> cmp.wide("rho"));

        List<String> f = cmp.figures();
        assertTrue(f.contains("spearman_oracle-loss_cifar10_test=1.0000"), f.toString());
        assertTrue(f.contains("spearman_signed_oracle-loss_cifar10_test=-1.0000"), f.toString());
        assertTrue(f.contains("kendall_oracle_cifar10_test=1.0000"));
        assertTrue(f.contains("n_oracle_nb201=40"));
        assertTrue(f.contains("degenerate_oracle_nb201=0"));
        assertTrue(f.contains("seconds_per_arch_oracle_nb201=0.5000"));
        List<String> keys = new ArrayList<>();
        f.forEach(x -> keys.add(x.substring(0, x.indexOf('='))));
        assertTrue(keys.contains("spearman_oracle_cifar100_test_ci_low"));
        assertTrue(keys.contains("spearman_signed_oracle_cifar100_test_ci_high"));
        assertTrue(keys.contains("pearson_oracle_cifar100_test"));
        // A perfect ranking of 40: its top 10 are the 10 most accurate.
        assertTrue(f.contains("precision_top10_oracle-loss_cifar10_test=1.0000"), f.toString());
        assertTrue(f.contains("br_at_10_oracle-loss_cifar10_test=1"), f.toString());
        assertTrue(f.contains("wr_at_10_oracle-loss_cifar10_test=10"), f.toString());
    }

    @Test
    void nb201TableKeepsItsColumnsAndGainsTheSuite() {
        Table t = Nb201Ranking.table(scores(-1), TRUTH, false);
        assertEquals(6, t.rowCount());
        assertEquals("CIFAR-10", t.stringColumn("dataset").get(0));
        assertEquals("test", t.stringColumn("accuracy").get(0));
        assertEquals(-1, t.doubleColumn("spearman").get(0), 1e-12);
        assertEquals(1, t.doubleColumn("|spearman|").get(0), 1e-12);
        assertEquals(40, t.intColumn("n").get(0));
        assertTrue(t.doubleColumn("spearman_ci_low").get(3) <= t.doubleColumn("spearman").get(3));
        List<Nb201Ranking.Row> rows = Nb201Ranking.rows(scores(-1), TRUTH, false, RankingMetrics.Settings.DEFAULT);
        assertEquals("cifar10_test", rows.get(0).key());
        assertEquals("imagenet16_valid", rows.get(5).key());
        assertEquals(rows.get(1).metrics().correlation("CIFAR-10 valid"), Nb201Ranking.correlations(scores(-1), TRUTH, false).get(1));
    }
}
