package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    // y has a tie (7, 7): average ranks 3.5, 3.5.
    // Spearman: ranks x = 1..5, ranks y = 1, 2, 3.5, 5, 3.5 -> sum dx*dy = 8, sum dx^2 = 10, sum dy^2 = 9.5
    //           rho = 8 / sqrt(95) = 0.820783
    // Kendall tau-b: 8 concordant, 1 discordant, 1 pair tied in y -> (8 - 1) / sqrt(10 * 9) = 0.737865
    static final double[] X = {1, 2, 3, 4, 5};
    static final double[] Y = {5, 6, 7, 8, 7};

    @Test
    void spearmanUsesAverageRanks() {
        assertEquals(8 / Math.sqrt(95), RankCorrelation.spearman(X, Y), 1e-12);
    }

    @Test
    void kendallIsTauB() {
        assertEquals(7 / Math.sqrt(90), RankCorrelation.kendall(X, Y), 1e-12);
    }

    @Test
    void reversedOrderGivesMinusOne() {
        double[] down = {9, 7, 5, 3, 1};
        assertEquals(-1, RankCorrelation.spearman(X, down), 1e-12);
        assertEquals(-1, RankCorrelation.kendall(X, down), 1e-12);
    }

    @Test
    void nanPairsAreDropped() {
        double[] x = {1, 2, Double.NaN, 3, 4, 5};
        double[] y = {5, 6, 100, 7, 8, 7};
        Correlation c = RankCorrelation.of("test", x, y);
        assertEquals(5, c.n());
        assertEquals(8 / Math.sqrt(95), c.spearman(), 1e-12);
    }
}
