package io.gennas4j.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Best-so-far benchmark accuracy of one method, mean and standard deviation over its seeds,
 * against evaluations or against search seconds: the curve of a NAS comparison plot.
 *
 * @param method the method's label
 * @param target the accuracy ({@code cifar10_test}, …)
 * @param x evaluations (1-based) or seconds
 * @param mean mean over seeds of the best-so-far accuracy (%) at each x
 * @param std standard deviation over seeds at each x (0 for one seed)
 * @param seeds how many searches were averaged
 */
public record SearchCurve(String method, String target, double[] x, double[] mean, double[] std, int seeds) {

    /**
     * Against evaluations: point i is the best-so-far after evaluation i + 1. A run shorter than
     * the longest (a two-fidelity run that found fewer distinct architectures to refine) keeps its
     * final value.
     *
     * @throws IllegalArgumentException if the runs lack the target
     */
    public static SearchCurve byEvaluations(List<NasSearchResult> runs, String target) {
        List<double[]> curves = new ArrayList<>();
        int n = curves(runs, target).stream().mapToInt(c -> c.length).max().orElse(0);
        for (double[] c : curves(runs, target)) {
            double[] padded = java.util.Arrays.copyOf(c, n);
            java.util.Arrays.fill(padded, c.length, n, c[c.length - 1]);
            curves.add(padded);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return aggregate(runs, target, x, i -> curves.stream().mapToDouble(c -> c[i]).toArray());
    }

    /**
     * Against cumulative evaluation seconds on a grid of {@code points} times from the first
     * moment every seed has a result to the longest search's end; a seed that has finished keeps
     * its final value. Methods that cost nothing (the oracle) have no such curve.
     *
     * @throws IllegalArgumentException if the runs took no time
     */
    public static SearchCurve bySeconds(List<NasSearchResult> runs, String target, int points) {
        if (points < 2) {
            throw new IllegalArgumentException("a curve needs >= 2 points, got " + points);
        }
        List<double[]> curves = curves(runs, target);
        List<double[]> times = new ArrayList<>();
        runs.forEach(r -> times.add(r.cumulativeSeconds()));
        double start = times.stream().mapToDouble(t -> t[0]).max().orElse(0);
        double end = times.stream().mapToDouble(t -> t[t.length - 1]).max().orElse(0);
        if (!(end > 0)) {
            throw new IllegalArgumentException(runs.get(0).method() + " took no time: plot it against evaluations");
        }
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = start + (end - start) * i / Math.max(1, points - 1);
        }
        return aggregate(runs, target, x, i -> {
            double[] v = new double[curves.size()];
            for (int s = 0; s < v.length; s++) {
                double[] t = times.get(s);
                int k = 0;
                while (k + 1 < t.length && t[k + 1] <= x[i]) {
                    k++;
                }
                v[s] = curves.get(s)[k];
            }
            return v;
        });
    }

    private static List<double[]> curves(List<NasSearchResult> runs, String target) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("No runs to draw");
        }
        List<double[]> c = new ArrayList<>();
        for (NasSearchResult r : runs) {
            double[] v = r.curves().get(target);
            if (v == null) {
                throw new IllegalArgumentException("No '" + target + "' curve: the runs have " + r.curves().keySet());
            }
            c.add(v);
        }
        return c;
    }

    private static SearchCurve aggregate(List<NasSearchResult> runs, String target, double[] x,
            java.util.function.IntFunction<double[]> valuesAt) {
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            DescriptiveStatistics d = new DescriptiveStatistics(valuesAt.apply(i));
            mean[i] = d.getMean();
            std[i] = d.getN() > 1 ? d.getStandardDeviation() : 0;
        }
        return new SearchCurve(runs.get(0).method().label(), target, x, mean, std, runs.size());
    }
}
