package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.TransNasTable;
import io.gennas4j.notebook.Charts;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.space.transnas.TransNasArch;
import io.gennas4j.space.transnas.TransNasSpace;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

class ProxyPanelTest {

    @Test
    void unknownMethodsAreNamedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProxyPanel.builder().setMethods("gennas,snyflow"));
        assertTrue(e.getMessage().contains("snyflow") && e.getMessage().contains("synflow"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ProxyPanel.builder().build());
        assertEquals(12, ProxyPanel.builder().setMethods("all").build().methods().size());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProxyPanel.builder().setMethods("params,params"))
                .getMessage().contains("listed twice"));
        try (Proxy p = ProxyPanel.builder().setMethods("params").build().proxy("params")) {
            assertEquals("params", p.name());
        }
    }

    /**
     * The parameter count of five macro networks ranked against the seven tasks: each entry's ρ is
     * Spearman's between the counts (A.6.3: 64-4111-basic has 2,317,600) and the task column.
     */
    @Test
    void scoresEveryMethodAgainstEveryTask() {
        TransNasTable t = TransNasTable.load(TransNasSpace.MACRO);
        List<TransNasArch> archs = t.sample(5, 3);
        ProxyPanel panel = ProxyPanel.builder().setMethods("params").build();
        MethodComparison cmp = panel.score(archs, t.accuracies(), null);
        assertEquals(7, cmp.entries().size());
        double[] params = panel.scores().get("params").stream().mapToDouble(s -> s.value()).toArray();
        for (String task : TransNasTable.TASKS) {
            double[] truth = archs.stream().mapToDouble(a -> t.score(a, task)).toArray();
            assertEquals(RankCorrelation.spearman(params, truth), cmp.entry("params", task).metrics().spearman(), 1e-12, task);
            assertEquals(5, cmp.entry("params", task).metrics().n());
        }
        var rows = t.rows(archs).joinOn("arch").inner(panel.scoreTable());
        assertEquals(5, rows.rowCount());
        assertEquals(params[0], rows.doubleColumn("params").get(0), 0);
        assertEquals(t.score(archs.get(0), "jigsaw"), rows.doubleColumn("jigsaw").get(0), 0);
        HeatMapChart chart = Charts.rhoHeatMap("rho", cmp, TransNasTable.TASKS);
        assertEquals(7, chart.getHeatMapSeries().getHeatData().size());
        assertEquals(List.copyOf(TransNasTable.TASKS), chart.getHeatMapSeries().getXData());
    }

    @Test
    void parameterCountOfAWorkedExample() {
        try (Proxy p = ProxyPanel.builder().setMethods("params").build().proxy("params")) {
            double v = p.score(TransNasSpace.MACRO.parse("64-4111-basic")).value();
            // the params measure counts the classifier too: GAP + Linear(128 -> 10) adds 1,290
            assertEquals(2_317_600 + 1_290, v, 0.5);
        }
    }
}
