package io.gennas4j.notebook;

import io.gennas4j.search.NasSearch;
import io.gennas4j.search.NasSearchResult;
import io.gennas4j.search.SearchCurve;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Plots of end-to-end searches: best-so-far accuracy against evaluations or seconds. */
public final class SearchCharts {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127)};

    private SearchCharts() {}

    /**
     * Best-so-far test accuracy of the chosen architecture, one line per method (mean over
     * seeds) with a band of one standard deviation, and the benchmark's optimum as a dashed line.
     *
     * @param bySeconds x = cumulative evaluation seconds (methods that cost nothing are left out)
     *     instead of evaluations
     * @param optimum the best accuracy in the benchmark for {@code target} (NaN: no line)
     */
    public static XYChart bestSoFar(List<NasSearchResult> results, String target, boolean bySeconds, double optimum) {
        XYChart chart = new XYChartBuilder().width(980).height(520)
                .title("Best-so-far " + target + " accuracy of the chosen architecture (mean +/- std over seeds)")
                .xAxisTitle(bySeconds ? "seconds of evaluations (" + Runtime.getRuntime().availableProcessors() + " cores)" : "evaluations").yAxisTitle(target + " accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        double lo = Double.POSITIVE_INFINITY;
        double xMax = 0;
        int k = 0;
        for (Map.Entry<?, List<NasSearchResult>> e : NasSearch.byMethod(results).entrySet()) {
            Color c = PALETTE[k++ % PALETTE.length];
            if (bySeconds && e.getValue().stream().allMatch(r -> r.searchSeconds() == 0)) {
                continue; // the oracle costs nothing: no cost axis
            }
            SearchCurve curve = bySeconds ? SearchCurve.bySeconds(e.getValue(), target, 200) : SearchCurve.byEvaluations(e.getValue(), target);
            double[] up = new double[curve.x().length];
            double[] down = new double[curve.x().length];
            for (int i = 0; i < up.length; i++) {
                up[i] = curve.mean()[i] + curve.std()[i];
                down[i] = curve.mean()[i] - curve.std()[i];
            }
            // skip the first 5 % of the x range when setting the y floor: early best-so-far values are low
            for (int i = up.length / 20; i < up.length; i++) {
                lo = Math.min(lo, down[i]);
            }
            xMax = Math.max(xMax, curve.x()[curve.x().length - 1]);
            if (curve.seeds() > 1) {
                double[] px = new double[2 * up.length];
                double[] py = new double[2 * up.length];
                for (int i = 0; i < up.length; i++) {
                    px[i] = curve.x()[i];
                    py[i] = up[i];
                    px[2 * up.length - 1 - i] = curve.x()[i];
                    py[2 * up.length - 1 - i] = down[i];
                }
                XYSeries band = chart.addSeries(curve.method() + " band", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries line = chart.addSeries(curve.method() + " (" + curve.seeds() + " seeds)", curve.x(), curve.mean());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(c);
            line.setMarker(SeriesMarkers.NONE);
        }
        if (Double.isFinite(optimum) && xMax > 0) {
            XYSeries opt = chart.addSeries(String.format(java.util.Locale.ROOT, "benchmark optimum %.2f", optimum),
                    new double[] {0, xMax}, new double[] {optimum, optimum});
            opt.setLineColor(Color.BLACK);
            opt.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            opt.setMarker(SeriesMarkers.NONE);
        }
        if (Double.isFinite(lo)) {
            chart.getStyler().setYAxisMin(Math.floor(lo - 0.5));
            chart.getStyler().setYAxisMax(Double.isFinite(optimum) ? Math.ceil(optimum + 0.3) : null);
        }
        return chart;
    }

    /**
     * The fitness of every evaluation of one search (points) and the best so far (line), against
     * the evaluation number: the progress plot of a task search or any other search.
     */
    public static XYChart fitnessOverSteps(io.gennas4j.search.SearchHistory<?> history) {
        XYChart chart = new XYChartBuilder().width(900).height(480)
                .title(history.method() + ": " + history.fitness() + " of every evaluation and the best so far")
                .xAxisTitle("evaluation").yAxisTitle(history.fitness()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int n = history.evaluations();
        java.util.List<Double> xs = new ArrayList<>();
        java.util.List<Double> ys = new ArrayList<>();
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int i = 0; i < n; i++) {
            var s = history.steps().get(i);
            if (Double.isFinite(s.fitness())) {
                xs.add((double) s.step());
                ys.add(s.fitness());
            }
            bx[i] = s.step();
            by[i] = s.bestFitness();
        }
        XYSeries pts = chart.addSeries("every evaluation", xs, ys);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(SeriesMarkers.CIRCLE);
        pts.setMarkerColor(new Color(31, 119, 180, 150));
        XYSeries best = chart.addSeries("best so far", bx, by);
        best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        best.setLineColor(new Color(214, 39, 40));
        best.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** Method labels in first-seen order (for legends and tables). */
    public static List<String> methods(List<NasSearchResult> results) {
        List<String> m = new ArrayList<>();
        NasSearch.byMethod(results).keySet().forEach(k -> m.add(k.label()));
        return m;
    }
}
