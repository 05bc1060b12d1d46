package io.gennas4j.ranking;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The effect of Eproxy's MACs term (spec §7.2 step 8) without retraining: given each
 * architecture's loss L (the 10th-iteration value) and MACs/MACs_max, the score at any α is
 * L · (1 − α·MACs/MACs_max), so one scoring run ranks every α.
 */
public final class MacsSweep {

    private MacsSweep() {}

    /**
     * The sweep for Eproxy scores already computed: each architecture's loss is its trace's last
     * value (the 10th-iteration L_e, before any MACs factor), its MACs are counted again at the
     * proxy's network size.
     *
     * @param scores {@link io.gennas4j.proxy.eproxy.EproxyProxy} scores of {@code archs}, same order
     * @throws IllegalArgumentException if the lists differ in length or an architecture's MACs_max is unknown
     */
    public static Table of(io.gennas4j.proxy.eproxy.EproxyProxy proxy, java.util.List<? extends io.gennas4j.space.Architecture> archs,
            java.util.List<io.gennas4j.proxy.ProxyScore> scores, io.gennas4j.benchmark.Accuracies truth, String target, double[] alphas) {
        if (proxy.config().macMode() == io.gennas4j.proxy.eproxy.EproxyConfig.MacMode.MACS_ONLY) {
            throw new IllegalArgumentException("macs_only scores carry no loss: sweep the scores of a loss or loss_macs configuration");
        }
        if (archs.size() != scores.size()) {
            throw new IllegalArgumentException(archs.size() + " architectures but " + scores.size() + " scores");
        }
        double[] loss = new double[archs.size()];
        double[] ratio = new double[archs.size()];
        double[] acc = new double[archs.size()];
        for (int i = 0; i < loss.length; i++) {
            double[] trace = scores.get(i).trace();
            loss[i] = scores.get(i).ok() && trace.length > 0 ? trace[trace.length - 1] : Double.NaN;
            if (scores.get(i).ok() && !Double.isFinite(loss[i])) {
                loss[i] = io.gennas4j.proxy.eproxy.EproxyProxy.FAILED_SCORE; // diverged: ranks last, as the proxy's score does
            }
            ratio[i] = proxy.macs(archs.get(i)) / proxy.macsMaxFor(archs.get(i));
            acc[i] = truth.accuracy(archs.get(i), target);
        }
        Table t = sweep(loss, ratio, acc, alphas);
        t.setName("Eproxy score L(1 - alpha MACs/MACs_max) against " + target + ", " + loss.length + " architectures");
        return t;
    }

    /**
     * Spearman ρ and Kendall τ (signed; lower score should mean higher accuracy, so good values are
     * negative) of L·(1 − α·r) against accuracy for each α. Non-finite entries are left out.
     *
     * @param loss L per architecture
     * @param macsRatio MACs/MACs_max per architecture
     * @param accuracy benchmark accuracy per architecture
     * @param alphas the α values, one row each
     * @return columns {@code alpha}, {@code n}, {@code spearman}, {@code kendall}, {@code -spearman}
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Table sweep(double[] loss, double[] macsRatio, double[] accuracy, double[] alphas) {
        if (loss.length != macsRatio.length || loss.length != accuracy.length) {
            throw new IllegalArgumentException("loss, MACs ratio and accuracy need one value per architecture: got "
                    + loss.length + ", " + macsRatio.length + ", " + accuracy.length);
        }
        Table t = Table.create("Eproxy score L(1 - alpha MACs/MACs_max) against accuracy", DoubleColumn.create("alpha"),
                IntColumn.create("n"), DoubleColumn.create("spearman"), DoubleColumn.create("kendall"),
                DoubleColumn.create("-spearman"));
        for (double alpha : alphas) {
            int n = 0;
            for (int i = 0; i < loss.length; i++) {
                if (Double.isFinite(loss[i] * macsRatio[i]) && Double.isFinite(accuracy[i])) {
                    n++;
                }
            }
            double[] s = new double[n];
            double[] a = new double[n];
            int k = 0;
            for (int i = 0; i < loss.length; i++) {
                if (Double.isFinite(loss[i] * macsRatio[i]) && Double.isFinite(accuracy[i])) {
                    s[k] = loss[i] * (1 - alpha * macsRatio[i]);
                    a[k++] = accuracy[i];
                }
            }
            double rho = RankCorrelation.spearman(s, a);
            t.doubleColumn("alpha").append(alpha);
            t.intColumn("n").append(n);
            t.doubleColumn("spearman").append(rho);
            t.doubleColumn("kendall").append(RankCorrelation.kendall(s, a));
            t.doubleColumn("-spearman").append(-rho);
        }
        return t;
    }
}
