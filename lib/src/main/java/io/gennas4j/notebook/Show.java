package io.gennas4j.notebook;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Turns library results into what a notebook displays: Tablesaw tables as HTML, XChart charts
 * as images. Kernel-neutral: pass the result to the kernel's {@code display(...)}, e.g.
 * {@code display("text/html", Show.html(table))} and {@code display(Show.png(chart))}.
 */
public final class Show {

    private Show() {}

    /** HTML for a table, doubles rounded to 4 decimals, with its name as a caption. */
    public static String html(Table table) {
        return html(table, 4);
    }

    public static String html(Table table, int decimals) {
        Table t = table.copy();
        for (Column<?> c : new java.util.ArrayList<>(t.columns())) {
            if (c.type() == ColumnType.DOUBLE) {
                t.replaceColumn(c.name(), t.doubleColumn(c.name()).asStringColumn().setName(c.name()));
                var src = table.doubleColumn(c.name());
                var dst = t.stringColumn(c.name());
                for (int r = 0; r < src.size(); r++) {
                    dst.set(r, src.isMissing(r) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", src.get(r)));
                }
            }
        }
        StringWriter w = new StringWriter();
        new HtmlWriter().write(t, HtmlWriteOptions.builder(new Destination(w)).build());
        String caption = table.name() == null || table.name().isBlank() ? ""
                : "<p><b>" + escape(table.name()) + "</b></p>";
        return caption + w;
    }

    /** The chart rendered as an image. */
    public static BufferedImage png(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
