package io.gennas4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class ChartsTest {

    @Test
    void signedBarsMarkNegativeValuesAndPlotTheirMagnitude() {
        CategoryChart c = Charts.signedBars("t", "|rho|", List.of("synflow", "plain", "mixed"), List.of("a", "b"),
                new double[][] {{0.7, -0.29, 0.1}, {0.6, -0.2, -0.05}});
        List<Object> labels = new ArrayList<>(c.getSeries("a").getXData());
        assertEquals(List.of("synflow", "plain (\u2212)", "mixed (\u2212 1/2)"), labels);
        double[] a = c.getSeries("a").getYData();
        assertEquals(0.29, a[1], 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.signedBars("t", "y", List.of("x"), List.of("a", "b"), new double[][] {{1}}));
    }
}
