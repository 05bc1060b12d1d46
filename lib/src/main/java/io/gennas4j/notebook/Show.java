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

    /** String cells longer than this are folded: a summary line that opens to the full value. */
    public static final int FOLD_CHARS = 100;

    /**
     * HTML for a table, doubles rounded to 4 decimals ({@link #number}), long strings folded
     * ({@link #FOLD_CHARS}), with its name as a caption.
     */
    public static String html(Table table) {
        return html(table, 4);
    }

    /**
     * As {@link #html(Table)} with {@code decimals} decimals. Values of magnitude ≥ 10⁶ or below
     * 10⁻³ (synflow's 10³⁰, say) print in scientific notation; a string cell longer than
     * {@link #FOLD_CHARS} (a task's JSON in a provenance table) shows its start and opens to the
     * whole value, wrapped.
     */
    public static String html(Table table, int decimals) {
        Table t = table.copy();
        for (Column<?> c : new java.util.ArrayList<>(t.columns())) {
            if (c.type() == ColumnType.DOUBLE) {
                t.replaceColumn(c.name(), t.doubleColumn(c.name()).asStringColumn().setName(c.name()));
                var src = table.doubleColumn(c.name());
                var dst = t.stringColumn(c.name());
                for (int r = 0; r < src.size(); r++) {
                    dst.set(r, src.isMissing(r) ? "" : number(src.get(r), decimals));
                }
            } else if (c.type() == ColumnType.STRING) {
                var col = t.stringColumn(c.name());
                for (int r = 0; r < col.size(); r++) {
                    col.set(r, cell(col.get(r)));
                }
            } else {
                t.replaceColumn(c.name(), c.asStringColumn().setName(c.name()));
                var col = t.stringColumn(c.name());
                for (int r = 0; r < col.size(); r++) {
                    col.set(r, escape(col.get(r)));
                }
            }
        }
        StringWriter w = new StringWriter();
        try {
            new HtmlWriter().write(t, HtmlWriteOptions.builder(new Destination(w)).escapeText(false).build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String caption = table.name() == null || table.name().isBlank() ? ""
                : "<p><b>" + escape(table.name()) + "</b></p>";
        return caption + w;
    }

    /**
     * A number as tables show it: {@code decimals} fixed decimals, or scientific notation with as
     * many for magnitudes ≥ 10⁶ or below 10⁻³ (zero stays fixed).
     */
    public static String number(double v, int decimals) {
        double a = Math.abs(v);
        if (Double.isFinite(v) && v != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%." + decimals + "e", v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String cell(String v) {
        if (v == null || v.length() <= FOLD_CHARS) {
            return v == null ? "" : escape(v);
        }
        return "<details><summary>" + escape(v.substring(0, FOLD_CHARS - 40)) + "&hellip; (" + v.length() + " characters)</summary>"
                + "<div style=\"white-space:pre-wrap;overflow-wrap:anywhere;max-width:60em;text-align:left\">" + escape(v) + "</div></details>";
    }

    /** The chart rendered as an image. */
    public static BufferedImage png(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
