package io.gennas4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ShowTest {

    @Test
    void hugeAndTinyNumbersPrintInScientificNotation() {
        assertEquals("2.511e+29", Show.number(2.51135024809492560e29, 3));
        assertEquals("0.500", Show.number(0.5, 3));
        assertEquals("-1.000e-05", Show.number(-1e-5, 3));
        assertEquals("0.000", Show.number(0, 3));
        assertEquals("123456.789", Show.number(123456.789, 3));
        assertEquals("NaN", Show.number(Double.NaN, 3));
    }

    @Test
    void longValuesFoldAndTextIsEscaped() {
        String json = "{\"stages\":" + "x".repeat(300) + "}";
        Table t = Table.create("Provenance <run>", StringColumn.create("setting", "task", "note"),
                StringColumn.create("value", json, "a < b & c"), DoubleColumn.create("score", 2.5e29, 0.25),
                IntColumn.create("n", 7, 8));
        String html = Show.html(t, 3);
        assertTrue(html.contains("<details><summary>{&quot;stages&quot;:") || html.contains("<details><summary>{\"stages\":"), html);
        assertTrue(html.contains("(" + json.length() + " characters)"), html);
        assertTrue(html.contains("a &lt; b &amp; c"), html);
        assertTrue(html.contains("2.500e+29") && html.contains("0.250"), html);
        assertTrue(html.contains("Provenance &lt;run&gt;"), html);
        assertFalse(html.contains("250000000000000000000"), html);
    }
}
