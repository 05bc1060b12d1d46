package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HeldOutComparisonTest {

    @Test
    void summaryGivesMeanStdAndTheMeanBootstrapIntervalPerTask() {
        Table runs = Table.create("runs", StringColumn.create("task", "searched", "searched", "CONF_NB101"),
                IntColumn.create("seed", 1, 2, 1), IntColumn.create("n", 1000, 998, 1000),
                DoubleColumn.create("|spearman|", 0.80, 0.84, 0.83), DoubleColumn.create("|spearman| low", 0.78, 0.82, 0.80),
                DoubleColumn.create("|spearman| high", 0.82, 0.86, 0.85), DoubleColumn.create("|kendall|", 0.6, 0.64, 0.63),
                DoubleColumn.create("s/arch", 0.5, 0.7, 0.4));
        Table s = new HeldOutComparison(runs).summary();
        assertEquals(2, s.rowCount());
        assertEquals("searched", s.stringColumn("task").get(0));
        assertEquals(2, s.intColumn("seeds").get(0));
        assertEquals(998, s.intColumn("n").get(0)); // the smallest n over the seeds
        assertEquals(0.82, s.doubleColumn("|rho| mean").get(0), 1e-12);
        assertEquals(Math.sqrt(0.0008), s.doubleColumn("|rho| std").get(0), 1e-12); // sample std of 0.80, 0.84
        assertEquals(0.80, s.doubleColumn("|rho| low").get(0), 1e-12);
        assertEquals(0.84, s.doubleColumn("|rho| high").get(0), 1e-12);
        assertEquals(0.62, s.doubleColumn("|tau| mean").get(0), 1e-12);
        assertEquals(0.6, s.doubleColumn("s/arch").get(0), 1e-12);
        assertTrue(s.doubleColumn("|rho| std").isMissing(1)); // one seed: no spread
        assertEquals(0.82, new HeldOutComparison(runs).meanRho("searched"), 1e-12);
    }
}
