package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.zerocost.ZeroCostProxy;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DegenerateScoresTest {

    /** NAS-Bench-201 index 8274: the output ignores the input (10 % accuracy). */
    static final String ZERO_OUTPUT = "|none~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|skip_connect~1|none~2|";

    // Two degenerate scores (NaN and -inf) on the two least accurate networks.
    // WORST: both become -inf, tied: ranks(S) = 5, 3, 1.5, 4, 1.5 and ranks(A) = 5, 3, 1, 4, 2 (mean 3)
    //   sum d_s d_a = 4 + 0 + 3 + 1 + 1.5 = 9.5, sum d_s^2 = 9.5, sum d_a^2 = 10  ->  rho = 9.5 / sqrt(95)
    //   Kendall: 9 concordant, 0 discordant, 1 pair tied in S  ->  tau-b = 9 / sqrt(9 * 10)
    // DROP: (3, 90), (1, 70), (2, 80) remain: rho = tau = 1
    static final double[] S = {3, 1, Double.NaN, 2, Double.NEGATIVE_INFINITY};
    static final double[] A = {90, 70, 10, 80, 20};

    @Test
    void degenerateScoresRankWorstByDefault() {
        RankingMetrics m = RankingMetrics.of(S, A, true);
        assertEquals(DegenerateScores.WORST, m.policy());
        assertEquals(5, m.n());
        assertEquals(2, m.degenerate());
        assertEquals(9.5 / Math.sqrt(95), m.spearman(), 1e-12);
        assertEquals(9 / Math.sqrt(90), m.kendall(), 1e-12);
        assertEquals(1, m.pearson(), 1e-12); // over the three finite scores
        // for a loss the degenerate ones go to the top of the values, still the bottom of the ranking
        double[] loss = {-3, -1, Double.NaN, -2, Double.POSITIVE_INFINITY};
        RankingMetrics l = RankingMetrics.of(loss, A, false);
        assertEquals(-9.5 / Math.sqrt(95), l.spearman(), 1e-12);
        assertEquals(9.5 / Math.sqrt(95), l.alignedSpearman(), 1e-12);
        assertEquals(5, l.worstRankAtK());
    }

    @Test
    void dropIsTheOldBehaviour() {
        RankingMetrics m = RankingMetrics.of(S, A, true, RankingMetrics.Settings.DEFAULT.withDegenerate(DegenerateScores.DROP));
        assertEquals(3, m.n());
        assertEquals(2, m.degenerate());
        assertEquals(1, m.spearman(), 1e-12);
        assertEquals(1, m.kendall(), 1e-12);
        // RankCorrelation (used by the searches) drops NaN pairs as it always did
        assertEquals(4, RankCorrelation.of("t", S, A).n());
    }

    @Test
    void tablesCountDegenerateAndFailedRowsSeparately() {
        Nb201Table truth = Nb201Table.load();
        List<String> archs = List.of(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                "|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|",
                "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
                "|skip_connect~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_3x3~2|",
                ZERO_OUTPUT);
        Table scores = Table.create("scores", StringColumn.create("arch", archs),
                DoubleColumn.create("score", new double[] {4, 3, 2, 1, Double.NaN}),
                DoubleColumn.create("seconds", new double[] {1, 1, 1, 1, 1}),
                StringColumn.create("error", List.of("", "", "", "RuntimeException: boom", "")));
        MethodComparison cmp = new MethodComparison().add("m", scores, truth.accuracies());
        MethodComparison.Entry e = cmp.entry("m", "cifar10_test");
        assertEquals(4, e.metrics().n());
        assertEquals(1, e.metrics().degenerate());
        assertEquals(1, e.failed());
        Table t = cmp.table();
        assertEquals(1, t.intColumn("degenerate").get(0));
        assertEquals(1, t.intColumn("failed").get(0));
        assertEquals(4, t.intColumn("n").get(0));
        MethodComparison.Entry dropped = new MethodComparison(RankingMetrics.Settings.DEFAULT.withDegenerate(DegenerateScores.DROP))
                .add("m", scores, truth.accuracies()).entry("m", "cifar10_test");
        assertEquals(3, dropped.metrics().n());
        Table nb = Nb201Ranking.table(scores, truth, true);
        assertEquals(4, nb.intColumn("n").get(0));
        assertEquals(1, nb.intColumn("degenerate").get(0));
        assertEquals(1, nb.intColumn("failed").get(0));
    }

    @Test
    void naswotOfIndex8274IsDegenerateAndRanksLast(@TempDir Path dir) {
        Cifar10Images images = SyntheticCifar.images(dir, 64);
        Nb201Table truth = Nb201Table.load();
        Nb201Arch zero = Nb201Arch.parse(ZERO_OUTPUT);
        assertEquals(8274, truth.index(zero));
        List<Nb201Arch> archs = List.of(truth.arch(0), truth.arch(1), truth.arch(2), zero);
        StringColumn arch = StringColumn.create("arch");
        DoubleColumn score = DoubleColumn.create("score");
        for (String measure : List.of("naswot", "jacob_cov")) {
            try (ZeroCostProxy p = ZeroCostProxy.builder().setMeasure(measure).optImages(images)
                    .optNetworkSize(new NetworkSize(4, 1)).optBatchSize(8).build()) {
                ProxyScore s = p.score(zero);
                assertTrue(s.ok(), s.error());
                assertTrue(Double.isNaN(s.value()), measure + " of index 8274 = " + s.value());
                if (measure.equals("naswot")) {
                    for (Nb201Arch a : archs) {
                        arch.append(a.encoding());
                        score.append(a.equals(zero) ? s.value() : p.score(a).value());
                    }
                }
            }
        }
        Table scores = Table.create("scores", arch, score, DoubleColumn.create("seconds", new double[] {1, 1, 1, 1}));
        RankingMetrics m = new MethodComparison().add("naswot", scores, truth.accuracies()).entry("naswot", "cifar10_test").metrics();
        assertEquals(4, m.n());
        assertEquals(1, m.degenerate());
        // it is the least accurate of the four and the proxy's last: its true rank 4 is the worst of the top 4
        assertEquals(4, m.worstRankAtK());
    }
}
