package io.gennas4j.notebook;

import io.gennas4j.benchmark.NbNlpTable;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.space.nbnlp.NlpSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Charts of GenNAS on NAS-Bench-NLP cells: loss against PTB log-perplexity, and loss traces. */
public final class NlpCharts {

    private NlpCharts() {}

    /**
     * log10 of each cell's final eval loss against its PTB test log-perplexity (failed scores left
     * out); a loss ≥ {@value RegressionProxy#FAILED_LOSS} is a diverged training (NaN, scored 1000 + U).
     */
    public static XYChart lossScatter(String title, List<ProxyScore> scores, NbNlpTable table) {
        List<double[]> points = new ArrayList<>();
        for (ProxyScore s : scores) {
            if (s.ok()) {
                // +inf (an overflow) is drawn at the top of the axis: float32's largest value
                points.add(new double[] {table.logPerplexity(NlpSpace.INSTANCE.parse(s.arch())), Math.log10(Math.min(s.value(), Float.MAX_VALUE))});
            }
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        return Charts.scatter(title + " (" + x.length + " cells)", "PTB test log-perplexity (lower is better)",
                "log10 GenNAS final eval loss", x, y);
    }

    /**
     * The eval-loss traces (log10) of the first {@code max} cells, labelled with their
     * log-perplexity and first recepie_id.
     */
    public static XYChart traces(String title, List<ProxyScore> scores, NbNlpTable table, int max) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (ProxyScore s : scores) {
            if (series.size() >= max) {
                break;
            }
            if (!s.ok() || s.trace() == null) {
                continue;
            }
            NlpArch cell = NlpSpace.INSTANCE.parse(s.arch());
            double[] y = new double[s.trace().length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.log10(Math.min(s.trace()[i], Float.MAX_VALUE));
            }
            series.put(String.format(Locale.ROOT, "%s (log-ppl %.2f)", table.id(cell), table.logPerplexity(cell)), y);
        }
        return Charts.lines(title, "evaluation (every eval interval)", "log10 eval loss", series);
    }

    /** How many trainings ended in a NaN eval loss (scored {@value RegressionProxy#FAILED_LOSS} + U(0, 1)). */
    public static long nan(List<ProxyScore> scores) {
        return scores.stream().filter(s -> s.ok() && s.value() >= RegressionProxy.FAILED_LOSS && s.value() < RegressionProxy.FAILED_LOSS + 1)
                .count();
    }

    /** How many trainings exploded: a final eval loss above {@code bound} (finite or +∞), NaN ones not counted. */
    public static long exploded(List<ProxyScore> scores, double bound) {
        return scores.stream().filter(s -> s.ok() && s.value() > bound
                && !(s.value() >= RegressionProxy.FAILED_LOSS && s.value() < RegressionProxy.FAILED_LOSS + 1)).count();
    }
}
