package io.gennas4j.notebook;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart charts styled for reports. */
public final class Charts {

    private Charts() {}

    /** A scatter plot of {@code y} against {@code x}. */
    public static XYChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries s = chart.addSeries(yLabel, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(31, 119, 180, 170));
        return chart;
    }

    /**
     * Grouped bars: one group per category (e.g. method), one bar colour per series (e.g. target).
     *
     * @param values values[series][category]; NaN leaves a gap
     */
    public static CategoryChart bars(String title, String yLabel, List<String> categories, List<String> series, double[][] values) {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setOverlapped(false);
        for (int s = 0; s < series.size(); s++) {
            List<Double> ys = new java.util.ArrayList<>();
            for (double v : values[s]) {
                ys.add(Double.isNaN(v) ? 0.0 : v);
            }
            chart.addSeries(series.get(s), categories, ys);
        }
        return chart;
    }

    /**
     * Grouped bars of |value| for signed values (e.g. ρ): one group per category, one bar colour
     * per series, and a category with a negative value gets {@code " (−)"} in its label (or
     * {@code " (− 2/3)"} when only some of its series are negative), so a negatively correlated
     * method no longer reads as a positive one.
     *
     * @param signed signed[series][category]; NaN leaves a gap
     * @throws IllegalArgumentException when the array's shape does not match the names
     */
    public static CategoryChart signedBars(String title, String yLabel, List<String> categories, List<String> series, double[][] signed) {
        if (signed.length != series.size()) {
            throw new IllegalArgumentException("signedBars needs one row per series: " + series.size() + " series, " + signed.length + " rows");
        }
        List<String> labels = new java.util.ArrayList<>();
        double[][] abs = new double[series.size()][categories.size()];
        for (int c = 0; c < categories.size(); c++) {
            int negative = 0;
            int defined = 0;
            for (int s = 0; s < series.size(); s++) {
                if (signed[s].length != categories.size()) {
                    throw new IllegalArgumentException("signedBars: row " + s + " has " + signed[s].length + " values for "
                            + categories.size() + " categories");
                }
                double v = signed[s][c];
                abs[s][c] = Math.abs(v);
                if (!Double.isNaN(v)) {
                    defined++;
                    negative += v < 0 ? 1 : 0;
                }
            }
            labels.add(categories.get(c) + negativeMark(negative, defined));
        }
        return bars(title, yLabel, labels, series, abs);
    }

    /** {@code ""}, {@code " (−)"} (all negative) or {@code " (− k/n)"}. */
    static String negativeMark(int negative, int defined) {
        if (negative == 0) {
            return "";
        }
        return negative == defined ? " (\u2212)" : " (\u2212 " + negative + "/" + defined + ")";
    }

    /**
     * |Spearman ρ| per method of a comparison, one bar per target, marking with {@code (−)} a method
     * that ranks against its own direction on a target (ρ &lt; 0 for a higher-is-better score,
     * ρ &gt; 0 for a loss: {@link io.gennas4j.ranking.RankingMetrics#alignedSpearman()}).
     */
    public static CategoryChart rhoBars(String title, io.gennas4j.ranking.MethodComparison cmp, List<String> targets) {
        List<String> methods = cmp.entries().stream().map(io.gennas4j.ranking.MethodComparison.Entry::method).distinct().toList();
        double[][] aligned = new double[targets.size()][methods.size()];
        for (int t = 0; t < targets.size(); t++) {
            for (int m = 0; m < methods.size(); m++) {
                io.gennas4j.ranking.MethodComparison.Entry e = cmp.entry(methods.get(m), targets.get(t));
                aligned[t][m] = e == null ? Double.NaN : e.metrics().alignedSpearman();
            }
        }
        return signedBars(title, "|rho|  ((\u2212): ranks against its own direction)", methods, targets, aligned);
    }

    /**
     * A method × target heat map of Spearman ρ in each method's own direction
     * ({@link io.gennas4j.ranking.RankingMetrics#alignedSpearman()}: positive ranks as the method
     * claims, negative against it), on a diverging −1 … 1 scale with the value in each cell. A
     * missing method/target pair is left blank.
     *
     * @param targets the columns, in this order (e.g. the seven TransNAS-Bench-101 tasks)
     */
    public static org.knowm.xchart.HeatMapChart rhoHeatMap(String title, io.gennas4j.ranking.MethodComparison cmp, List<String> targets) {
        List<String> methods = cmp.entries().stream().map(io.gennas4j.ranking.MethodComparison.Entry::method).distinct().toList();
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            for (int m = 0; m < methods.size(); m++) {
                io.gennas4j.ranking.MethodComparison.Entry e = cmp.entry(methods.get(m), targets.get(t));
                if (e != null && Double.isFinite(e.metrics().alignedSpearman())) {
                    cells.add(new Number[] {t, m, e.metrics().alignedSpearman()});
                }
            }
        }
        org.knowm.xchart.HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder()
                .width(Math.max(720, 130 * targets.size() + 200)).height(Math.max(360, 34 * methods.size() + 160)).title(title).build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setShowValue(true);
        st.setHeatMapValueDecimalPattern("0.00");
        st.setMin(-1);
        st.setMax(1);
        st.setRangeColors(new Color[] {new Color(178, 24, 43), new Color(247, 247, 247), new Color(33, 102, 172)});
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries("rho (own direction)", targets, methods, cells);
        return chart;
    }

    /**
     * The first sequence of an NLP task's two stages as one heat map: rows {@code in t0 … in t(L−1)}
     * (the input, stage 0) above {@code out t0 …} (the target, stage 1), columns the D features.
     *
     * @param stages {@code SequenceTask.drawStages}: two row-major [L, B, D] arrays
     */
    public static org.knowm.xchart.HeatMapChart sequenceMaps(String title, float[][] stages, int length, int batch, int dimension) {
        List<String> rows = new java.util.ArrayList<>();
        List<Number[]> cells = new java.util.ArrayList<>();
        double peak = 1e-9;
        for (int st = 0; st < 2; st++) {
            for (int t = 0; t < length; t++) {
                int row = rows.size();
                rows.add((st == 0 ? "in t" : "out t") + t);
                for (int d = 0; d < dimension; d++) {
                    double v = stages[st][(t * batch) * dimension + d]; // sequence 0
                    peak = Math.max(peak, Math.abs(v));
                    cells.add(new Number[] {d, row, v});
                }
            }
        }
        List<Integer> cols = new java.util.ArrayList<>();
        for (int d = 0; d < dimension; d++) {
            cols.add(d);
        }
        peak = Math.ceil(peak * 100) / 100; // a legend with two decimals
        org.knowm.xchart.HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder().width(Math.max(720, 14 * dimension + 220))
                .height(Math.max(360, 22 * rows.size() + 140)).title(title).xAxisTitle("feature d").build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setMin(-peak);
        st.setMax(peak);
        st.setRangeColors(new Color[] {new Color(178, 24, 43), new Color(247, 247, 247), new Color(33, 102, 172)});
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries("value", cols, rows, cells);
        return chart;
    }

    /** One labelled point per name, x on a log axis (e.g. |ρ| against seconds per architecture). */
    public static XYChart labelledLogX(String title, String xLabel, String yLabel, List<String> names, double[] x, double[] y) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int i = 0; i < names.size(); i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && x[i] > 0) {
                chart.addSeries(names.get(i), new double[] {x[i]}, new double[] {y[i]});
            }
        }
        return chart;
    }

    /**
     * The cost–quality frontier: mean |ρ| over seeds (error bars: one standard deviation) against
     * seconds per architecture on a log axis, one labelled point per protocol; the reference and
     * the named presets are drawn as diamonds.
     */
    public static XYChart frontier(io.gennas4j.ranking.Frontier.Result result, io.gennas4j.proxy.Protocol reference) {
        XYChart chart = new XYChartBuilder().width(980).height(560)
                .title("|Spearman rho| (" + result.target() + ", " + result.architectures() + " architectures) against cost")
                .xAxisTitle("seconds per architecture (log)").yAxisTitle("|Spearman rho|, mean +/- std over seeds").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (io.gennas4j.ranking.Frontier.Point p : result.points()) {
            if (!(p.secondsPerArch() > 0) || !Double.isFinite(p.meanRho())) {
                continue;
            }
            boolean marked = p.protocol().equals(reference) || io.gennas4j.proxy.Protocol.presets().contains(p.protocol());
            XYSeries s = chart.addSeries(p.protocol().name() + (p.protocol().equals(reference) ? " (reference)" : ""),
                    new double[] {p.secondsPerArch()}, new double[] {p.meanRho()}, new double[] {p.stdRho()});
            s.setMarker(marked ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** One line per named series against its index (1-based), e.g. loss per training iteration. */
    public static XYChart lines(String title, String xLabel, String yLabel, java.util.Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(900).height(480).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (var e : series.entrySet()) {
            double[] y = e.getValue().clone();
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                if (!Double.isFinite(y[i])) {
                    y[i] = Double.NaN;
                }
            }
            if (y.length > 0) {
                chart.addSeries(e.getKey(), x, y);
            }
        }
        return chart;
    }
}
