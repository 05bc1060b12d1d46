package io.gennas4j.notebook;

import java.awt.Color;
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
}
