package io.gennas4j.proxy.zerocost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.gennas4j.nn.ActivationHooks;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * NASWOT (Mellor et al., ICML 2021; spec §6 "v2"): for every ReLU, the binary code of which
 * pre-activations are positive per image; the kernel K_H[i, j] counts the units on which images
 * i and j agree, summed over all ReLUs (Σ c cᵀ + (1−c)(1−c)ᵀ); the score is log |det K_H|.
 * One batch of 128 images by default.
 */
final class Naswot implements ZeroCostMeasure {

    @Override
    public String name() {
        return "naswot";
    }

    @Override
    public int defaultBatchSize() {
        return 128;
    }

    @Override
    public double compute(ZeroCostContext ctx) {
        NDArray x = ctx.images();
        int b = (int) x.getShape().get(0);
        double[][] k = new double[b][b];
        ActivationHooks hooks = new ActivationHooks() {
            @Override
            public void beforeRelu(NDArray pre) {
                NDArray c = pre.reshape(b, -1).gt(0).toType(DataType.FLOAT32, false);
                NDArray notC = c.neg().add(1);
                NDArray agree = c.matMul(c.transpose()).add(notC.matMul(notC.transpose()));
                float[] v = agree.toFloatArray();
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < b; j++) {
                        k[i][j] += v[i * b + j];
                    }
                }
            }
        };
        try (ActivationHooks.Installed h = ActivationHooks.install(hooks)) {
            ctx.logits(x, true);
        }
        return logAbsDet(k);
    }

    /** log |det K| via LU (numpy's slogdet); NaN for a singular matrix. */
    static double logAbsDet(double[][] k) {
        RealMatrix m = new Array2DRowRealMatrix(k, false);
        LUDecomposition lu = new LUDecomposition(m, 0);
        RealMatrix u = lu.getU();
        double s = 0;
        for (int i = 0; i < k.length; i++) {
            double d = Math.abs(u.getEntry(i, i));
            if (d == 0) {
                return Double.NaN;
            }
            s += Math.log(d);
        }
        return s;
    }
}
