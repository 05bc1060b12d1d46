package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    // Ties on both sides.
    // ranks(S) = 1, 3.5, 3.5, 6, 2, 5 and ranks(A) = 1, 3.5, 2, 6, 3.5, 5 (mean 3.5)
    //   sum d_s d_a = 6.25 + 0 + 0 + 6.25 + 0 + 2.25 = 14.75, sum d_s^2 = sum d_a^2 = 17  ->  rho = 14.75 / 17
    // Kendall: of 15 pairs 12 concordant, 1 discordant (2,4), 1 tied in S only (1,2), 1 tied in A only (1,4)
    //   tau-b = (12 - 1) / sqrt((15 - 1) * (15 - 1)) = 11 / 14
    // Pearson: sum ds da = 15, sum ds^2 = 1.72 - 2.8^2 / 6 = 2.48 / 6, sum da^2 = 587.5
    static final double[] S = {0.1, 0.4, 0.4, 0.9, 0.3, 0.7};
    static final double[] A = {60, 70, 65, 90, 70, 80};

    @Test
    void correlationsOnATinyExampleWithTies() {
        RankingMetrics m = RankingMetrics.of(S, A, true);
        assertEquals(6, m.n());
        assertEquals(0, m.degenerate());
        assertEquals(14.75 / 17, m.spearman(), 1e-12);
        assertEquals(11.0 / 14, m.kendall(), 1e-12);
        assertEquals(15 / Math.sqrt(2.48 / 6 * 587.5), m.pearson(), 1e-12);
        assertEquals(14.75 / 17, RankCorrelation.spearman(S, A), 1e-12);
        assertEquals(15 / Math.sqrt(2.48 / 6 * 587.5), RankCorrelation.pearson(S, A), 1e-12);
        // a loss that carries the same information: signs flip, |values| and the top-k metrics do not
        double[] loss = new double[S.length];
        for (int i = 0; i < S.length; i++) {
            loss[i] = -S[i];
        }
        RankingMetrics l = RankingMetrics.of(loss, A, false);
        assertEquals(-m.spearman(), l.spearman(), 1e-12);
        assertEquals(-m.kendall(), l.kendall(), 1e-12);
        assertEquals(m.absSpearman(), l.absSpearman(), 1e-12);
        assertEquals(m.spearman(), l.alignedSpearman(), 1e-12);
        assertEquals(m.precisionTop10(), l.precisionTop10());
        assertEquals(m.bestRankAtK(), l.bestRankAtK());
        assertEquals(new Correlation("t", 6, m.spearman(), m.kendall()), m.correlation("t"));
    }

    /**
     * 20 architectures with accuracies 0..19 (index = accuracy, true rank = 20 − accuracy). The proxy
     * scores each by its accuracy except that it puts index 18 first, index 3 second and index 19 third.
     */
    static double[][] handMadeRanking() {
        double[] acc = new double[20];
        double[] score = new double[20];
        for (int i = 0; i < 20; i++) {
            acc[i] = i;
            score[i] = i;
        }
        score[18] = 100;
        score[3] = 99;
        score[19] = 98;
        return new double[][] {score, acc};
    }

    @Test
    void topKPrecisionAndBestWorstRankOnAHandMadeRanking() {
        double[] score = handMadeRanking()[0];
        double[] acc = handMadeRanking()[1];
        // top 1 % and 5 % of 20 are 1 architecture: the proxy's first (18) is not the best (19)
        assertEquals(1, TopK.count(20, 1));
        assertEquals(1, TopK.count(20, 5));
        assertEquals(2, TopK.count(20, 10));
        assertEquals(10, TopK.count(1000, 1));
        assertEquals(0.0, TopK.precisionAtTopPercent(score, acc, true, 1));
        assertEquals(0.0, TopK.precisionAtTopPercent(score, acc, true, 5));
        // top 10 %: the proxy's {18, 3} against the true {19, 18}: one hit of two
        assertEquals(0.5, TopK.precisionAtTopPercent(score, acc, true, 10));
        // top 50 %: proxy's first 10 = 18, 3, 19, 17..11; true top 10 = 10..19; 3 is the only miss
        assertEquals(0.9, TopK.precisionAtTopPercent(score, acc, true, 50));
        // the proxy's top 3 = {18, 3, 19} have true ranks 2, 17, 1
        assertEquals(1, TopK.bestRankAtK(score, acc, true, 3));
        assertEquals(17, TopK.worstRankAtK(score, acc, true, 3));
        assertEquals(2, TopK.bestRankAtK(score, acc, true, 1));
        assertEquals(2, TopK.worstRankAtK(score, acc, true, 1));
        // K = 10: ranks 2, 17, 1, 3, 4, ..., 9
        RankingMetrics m = RankingMetrics.of(score, acc, true);
        assertEquals(10, m.k());
        assertEquals(1, m.bestRankAtK());
        assertEquals(17, m.worstRankAtK());
        assertEquals(0.0, m.precisionTop1());
        assertEquals(0.0, m.precisionTop5());
        assertEquals(0.5, m.precisionTop10());
        // read the other way round (a loss), the proxy's first are the last: 0, 1, 2 (true ranks 20, 19, 18)
        assertEquals(18, TopK.bestRankAtK(score, acc, false, 3));
        assertEquals(20, TopK.worstRankAtK(score, acc, false, 3));
        // K larger than n is clamped
        assertEquals(20, TopK.worstRankAtK(score, acc, true, 50));
    }

    @Test
    void tiesInAccuracyShareTheBetterRankAndTheTopSet() {
        double[] score = {4, 3, 2, 1};
        double[] acc = {70, 90, 90, 50};
        // true ranks: 90, 90 -> 1, 1; 70 -> 3; 50 -> 4
        assertEquals(3, TopK.bestRankAtK(score, acc, true, 1));
        assertEquals(1, TopK.bestRankAtK(score, acc, true, 2));
        assertEquals(3, TopK.worstRankAtK(score, acc, true, 3));
        // top 25 % = 1 architecture; its threshold is 90, and the proxy's first has 70
        assertEquals(0.0, TopK.precisionAtTopPercent(score, acc, true, 25));
        // top 50 % = 2: threshold 90; the proxy's {0, 1} hold one 90
        assertEquals(0.5, TopK.precisionAtTopPercent(score, acc, true, 50));
        // tied scores keep array order
        assertEquals(3, TopK.bestRankAtK(new double[] {1, 1, 1, 1}, acc, true, 1));
        assertThrows(IllegalArgumentException.class, () -> TopK.precisionAtTopPercent(score, acc, true, 0));
        assertThrows(IllegalArgumentException.class, () -> TopK.bestRankAtK(new double[] {Double.NaN, 1, 2, 3}, acc, true, 1));
    }

    static double[][] noisyLine(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = x[i] + r.nextGaussian();
        }
        return new double[][] {x, y};
    }

    @Test
    void bootstrapIntervalIsSeededContainsTheEstimateAndNarrowsWithMoreData() {
        double[][] small = noisyLine(30, 1);
        RankingMetrics a = RankingMetrics.of(small[0], small[1], true);
        RankingMetrics b = RankingMetrics.of(small[0], small[1], true);
        assertEquals(a, b, "same data and seed, same intervals");
        assertEquals(1000, a.resamples());
        assertEquals(0, a.seed());
        RankingMetrics other = RankingMetrics.of(small[0], small[1], true, RankingMetrics.Settings.DEFAULT.withSeed(7));
        assertNotEquals(a.spearmanInterval(), other.spearmanInterval());
        assertEquals(7, other.seed());
        for (RankingMetrics m : new RankingMetrics[] {a, other}) {
            assertTrue(m.spearmanInterval().contains(m.spearman()), m.spearmanInterval() + " around " + m.spearman());
            assertTrue(m.kendallInterval().contains(m.kendall()), m.kendallInterval() + " around " + m.kendall());
            assertTrue(m.spearmanInterval().low() < m.spearmanInterval().high());
        }
        double[][] large = noisyLine(300, 1);
        RankingMetrics big = RankingMetrics.of(large[0], large[1], true);
        assertTrue(big.spearmanInterval().contains(big.spearman()));
        assertTrue(big.spearmanInterval().width() < 0.6 * a.spearmanInterval().width(),
                big.spearmanInterval() + " (n=300) vs " + a.spearmanInterval() + " (n=30)");
        assertTrue(big.kendallInterval().width() < 0.6 * a.kendallInterval().width());
        // the interval of |rho| is the image of the signed one
        assertEquals(new ConfidenceInterval(0.2, 0.5, 0.95), new ConfidenceInterval(-0.5, -0.2, 0.95).abs());
        assertEquals(new ConfidenceInterval(0, 0.5, 0.95), new ConfidenceInterval(-0.5, 0.1, 0.95).abs());
        // too few pairs, or no bootstrap: undefined
        assertFalse(RankingMetrics.of(new double[] {1, 2}, new double[] {1, 2}, true).spearmanInterval().defined());
        assertFalse(RankingMetrics.of(small[0], small[1], true, RankingMetrics.Settings.DEFAULT.withResamples(0)).spearmanInterval().defined());
    }

    @Test
    void quantileInterpolatesLinearlyAsNumpyDoes() {
        double[] v = {1, 2, 3, 4, 5};
        assertEquals(1.1, Bootstrap.quantile(v, 0.025), 1e-12); // 0.1 of the way from 1 to 2
        assertEquals(4.9, Bootstrap.quantile(v, 0.975), 1e-12);
        assertEquals(3, Bootstrap.quantile(v, 0.5), 1e-12);
    }

    @Test
    void badInputGetsClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> RankingMetrics.of(new double[3], new double[2], true));
        assertTrue(e.getMessage().contains("3 scores and 2 accuracies"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.Settings.DEFAULT.withK(0));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.Settings.DEFAULT.withResamples(-1));
    }
}
