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
}
