package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * jacob_cov (NASWOT v1, spec §6): J = ∂(Σ logits)/∂x per image, flattened to a B×(3HW) matrix;
 * Σ = its B×B row-correlation matrix ({@code np.corrcoef}); with its eigenvalues λ, the score is
 * −Σ_i [ln(λ_i + k) + 1/(λ_i + k)], k = 1e-5. NaN when a row of J is constant (the correlation
 * is undefined; the reference code records NaN too).
 */
final class JacobCov implements ZeroCostMeasure {

    static final double K = 1e-5;

    @Override
    public String name() {
        return "jacob_cov";
    }

    @Override
    public double compute(ZeroCostContext ctx) {
        NDArray x = ctx.images();
        x.setRequiresGradient(true);
        try (GradientCollector gc = ctx.gradientCollector()) {
            gc.backward(ctx.logits(x, true).sum());
        }
        NDArray j = x.getGradient();
        int b = (int) j.getShape().get(0);
        double[] flat = j.reshape(b, -1).toType(DataType.FLOAT64, false).toDoubleArray();
        return score(correlation(flat, b));
    }

    /** np.corrcoef of the rows of a row-major b×n matrix; null when a row has zero variance. */
    static double[][] correlation(double[] rows, int b) {
        int n = rows.length / b;
        double[][] centred = new double[b][n];
        double[] norm = new double[b];
        for (int i = 0; i < b; i++) {
            double mean = 0;
            for (int k = 0; k < n; k++) {
                mean += rows[i * n + k];
            }
            mean /= n;
            double ss = 0;
            for (int k = 0; k < n; k++) {
                double v = rows[i * n + k] - mean;
                centred[i][k] = v;
                ss += v * v;
            }
            if (ss == 0) {
                return null;
            }
            norm[i] = Math.sqrt(ss);
        }
        double[][] corr = new double[b][b];
        for (int i = 0; i < b; i++) {
            for (int k = i; k < b; k++) {
                double dot = 0;
                double[] ri = centred[i];
                double[] rk = centred[k];
                for (int t = 0; t < n; t++) {
                    dot += ri[t] * rk[t];
                }
                double c = Math.max(-1, Math.min(1, dot / (norm[i] * norm[k]))); // numpy clips too
                corr[i][k] = c;
                corr[k][i] = c;
            }
        }
        return corr;
    }

    /** −Σ [ln(λ + k) + 1/(λ + k)] over the eigenvalues of a correlation matrix. */
    static double score(double[][] corr) {
        if (corr == null) {
            return Double.NaN;
        }
        double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(corr, false)).getRealEigenvalues();
        double s = 0;
        for (double v : eig) {
            s += Math.log(v + K) + 1 / (v + K);
        }
        return Double.isFinite(s) ? -s : Double.NaN;
    }
}
