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

    @Test
    void namedTasksPerSpaceSettingsAndSeveralSpacesInOneComparison() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProxyPanel.builder().setMethods("gennas:CONF_NOPE"));
        assertTrue(e.getMessage().contains("CONF_NOPE"), e.getMessage());
        ProxyPanel panel = ProxyPanel.builder().setMethods("params,gennas:CONF_DARTS")
                .optGennasProtocol(io.gennas4j.proxy.Protocol.FAST)
                .optGennasProtocol("nb101", io.gennas4j.proxy.Protocol.PAPER.withCells(3))
                .optZeroCostSize("nb201", new io.gennas4j.space.NetworkSize(16, 5))
                .optZeroCostSize("nb101", new io.gennas4j.space.NetworkSize(8, 3)).optZeroCostBatch(16).build();
        try (Proxy g101 = panel.proxy("gennas:CONF_DARTS", "nb101"); Proxy g201 = panel.proxy("gennas:CONF_DARTS", "nb201");
                Proxy z201 = panel.proxy("params", "nb201"); Proxy z101 = panel.proxy("params", "nb101")) {
            assertTrue(!g101.settings().equals(g201.settings()), "the NAS-Bench-101 protocol is its own: " + g101.settings());
            // the benchmark's own size stays the default (same settings, same cache keys as the bench)
            try (Proxy plain = ProxyPanel.builder().setMethods("params").optZeroCostBatch(16).build().proxy("params")) {
                assertEquals(plain.settings(), z201.settings());
            }
            assertTrue(!z101.settings().equals(z201.settings()), "NAS-Bench-101 at width 8: " + z101.settings());
        }
        var methods = panel.methodsTable();
        assertEquals(List.of("params", "gennas:CONF_DARTS"), methods.stringColumn("method").asList());
        assertEquals(List.of("zero-cost", "regression proxy"), methods.stringColumn("kind").asList());

        // two spaces into one comparison: params on five macro and five micro TransNAS codes
        ProxyPanel params = ProxyPanel.builder().setMethods("params").build();
        MethodComparison cmp = new MethodComparison();
        for (TransNasSpace space : List.of(TransNasSpace.MACRO, TransNasSpace.MICRO)) {
            TransNasTable t = TransNasTable.load(space);
            params.score(t.sample(5, 3), t.accuracies(), null, cmp);
        }
        assertEquals(14, cmp.entries().size(), "7 tasks x 2 spaces");
        assertEquals(2, params.proxySettings().size());
        assertTrue(params.failures().isEmpty(), params.failures().toString());
    }
}
