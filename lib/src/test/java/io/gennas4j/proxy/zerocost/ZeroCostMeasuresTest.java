package io.gennas4j.proxy.zerocost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.nn.Blocks;
import io.gennas4j.nn.Layers;
import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.NetworkSize;
import ai.djl.nn.LambdaBlock;
import io.gennas4j.space.StageNetwork;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.InputBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every zero-cost measure on a network small enough to work out by hand: logits = W·m(x) + b,
 * where m(x) is the per-channel spatial mean of the image (optionally through a ReLU). The
 * expected values are computed here in plain Java from the network's initial weights, with the
 * formulas of spec §6, independently of DJL's autograd.
 */
class ZeroCostMeasuresTest {

    static final int CLASSES = 10;
    static final int BATCH = 6;

    @TempDir
    static Path dir;
    static Cifar10Images images;
    static InputBatch batch;

    @BeforeAll
    static void data() {
        images = SyntheticCifar.images(dir, 160);
        batch = InputBatch.draw(images, BATCH, 3, false);
    }

    /** GAP → (ReLU) → Linear(3 → classes): no stage taps, only the classifier's logits. */
    static final class TinyNet extends StageNetwork {
        TinyNet(boolean withRelu) {
            super(1);
            addTrunk("gap", LambdaBlock.singleton(x -> x.mean(new int[] {3}).mean(new int[] {2}), "gap"), false);
            if (withRelu) {
                addTrunk("relu", Layers.relu(), false);
            }
            setClassifier("linear", Layers.linear(3, CLASSES));
        }
    }

    /** Runs a measure on a fresh TinyNet and hands back the value with the net's weights. */
    record Run(double value, double[][] w, double[] b, double[][] m) {}

    static Run run(ZeroCostMeasure measure, boolean withRelu) {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet net = new TinyNet(withRelu);
            Blocks.setBatchNormEnabled(net, measure.batchNorm());
            net.initialize(manager, measure.dataType(), new Shape(BATCH, 3, 32, 32));
            io.gennas4j.nn.WeightLayer layer = Blocks.weightLayers(net).get(0);
            double[] wFlat = layer.weight().getArray().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] b = layer.getParameters().get("bias").getArray().toType(DataType.FLOAT64, false).toDoubleArray();
            double[][] w = new double[CLASSES][3];
            for (int k = 0; k < CLASSES; k++) {
                System.arraycopy(wFlat, k * 3, w[k], 0, 3);
            }
            double[][] m = channelMeans(withRelu);
            double value = measure.compute(new ZeroCostContext(net, manager, batch, measure.dataType(), CLASSES));
            return new Run(value, w, b, m);
        }
    }

    static double[][] channelMeans(boolean relu) {
        double[][] m = new double[BATCH][3];
        float[] x = batch.images();
        for (int i = 0; i < BATCH; i++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int p = 0; p < 1024; p++) {
                    s += x[(i * 3 + c) * 1024 + p];
                }
                m[i][c] = relu ? Math.max(0, s / 1024) : s / 1024;
            }
        }
        return m;
    }

    /** softmax probabilities and dL/dz of the mean cross-entropy, per image. */
    static double[][][] probsAndGrads(Run r) {
        double[][] p = new double[BATCH][CLASSES];
        double[][] dz = new double[BATCH][CLASSES];
        int[] labels = batch.labels();
        for (int i = 0; i < BATCH; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] z = new double[CLASSES];
            for (int k = 0; k < CLASSES; k++) {
                z[k] = r.b()[k];
                for (int c = 0; c < 3; c++) {
                    z[k] += r.w()[k][c] * r.m()[i][c];
                }
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < CLASSES; k++) {
                sum += Math.exp(z[k] - max);
            }
            for (int k = 0; k < CLASSES; k++) {
                p[i][k] = Math.exp(z[k] - max) / sum;
                dz[i][k] = (p[i][k] - (labels[i] == k ? 1 : 0)) / BATCH;
            }
        }
        return new double[][][] {p, dz};
    }

    static double[][] weightGradient(Run r) {
        double[][] dz = probsAndGrads(r)[1];
        double[][] g = new double[CLASSES][3];
        for (int i = 0; i < BATCH; i++) {
            for (int k = 0; k < CLASSES; k++) {
                for (int c = 0; c < 3; c++) {
                    g[k][c] += dz[i][k] * r.m()[i][c];
                }
            }
        }
        return g;
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void gradNormIsTheFrobeniusNormOfTheKernelGradient() {
        Run r = run(ZeroCostMeasures.byName("grad_norm"), false);
        double[][] g = weightGradient(r);
        double ss = 0;
        for (double[] row : g) {
            for (double v : row) {
                ss += v * v;
            }
        }
        close(Math.sqrt(ss), r.value(), "grad_norm");
        assertTrue(r.value() > 0);
    }

    @Test
    void snipAndPlainAreSumsOfGradientTimesWeight() {
        Run snip = run(ZeroCostMeasures.byName("snip"), false);
        Run plain = run(ZeroCostMeasures.byName("plain"), false);
        double[][] g = weightGradient(snip);
        double abs = 0;
        double signed = 0;
        for (int k = 0; k < CLASSES; k++) {
            for (int c = 0; c < 3; c++) {
                abs += Math.abs(g[k][c] * snip.w()[k][c]);
                signed += g[k][c] * snip.w()[k][c];
            }
        }
        close(abs, snip.value(), "snip");
        close(signed, plain.value(), "plain");
        assertNotEquals(snip.value(), plain.value(), 1e-9);
    }

    @Test
    void fisherIsHalfTheMeanSquaredActivationGradientTimesFanIn() {
        Run r = run(ZeroCostMeasures.byName("fisher"), false);
        double[][][] pg = probsAndGrads(r);
        double total = 0;
        for (int k = 0; k < CLASSES; k++) {
            double mean = 0;
            for (int i = 0; i < BATCH; i++) {
                double z = r.b()[k];
                for (int c = 0; c < 3; c++) {
                    z += r.w()[k][c] * r.m()[i][c];
                }
                double a = z * pg[1][i][k];
                mean += a * a / BATCH;
            }
            total += 0.5 * mean * 3; // broadcast to the channel's 3 weights
        }
        close(total, r.value(), "fisher");
    }

    @Test
    void graspIsMinusWeightTimesHessianGradientProduct() {
        Run r = run(ZeroCostMeasures.byName("grasp"), false);
        double[][] p = probsAndGrads(r)[0];
        double[][] g = weightGradient(r);
        // For softmax regression, H·g at W = (1/B) Σ_i [(diag p_i − p_i p_iᵀ)(g m_i)] m_iᵀ
        double[][] hg = new double[CLASSES][3];
        for (int i = 0; i < BATCH; i++) {
            double[] u = new double[CLASSES];
            for (int k = 0; k < CLASSES; k++) {
                for (int c = 0; c < 3; c++) {
                    u[k] += g[k][c] * r.m()[i][c];
                }
            }
            double pu = 0;
            for (int k = 0; k < CLASSES; k++) {
                pu += p[i][k] * u[k];
            }
            for (int k = 0; k < CLASSES; k++) {
                double hu = p[i][k] * u[k] - p[i][k] * pu;
                for (int c = 0; c < 3; c++) {
                    hg[k][c] += hu * r.m()[i][c] / BATCH;
                }
            }
        }
        double expected = 0;
        for (int k = 0; k < CLASSES; k++) {
            for (int c = 0; c < 3; c++) {
                expected -= r.w()[k][c] * hg[k][c];
            }
        }
        assertEquals(expected, r.value(), 1e-3 * Math.abs(expected) + 1e-9, "grasp");
    }

    @Test
    void synflowOfALinearNetworkIsTheSumOfAbsoluteWeights() {
        Run r = run(ZeroCostMeasures.byName("synflow"), false);
        double expected = 0;
        for (double[] row : r.w()) {
            for (double v : row) {
                expected += Math.abs(v); // ones input: m = 1, so ∂R/∂W = 1
            }
        }
        assertEquals(expected, r.value(), 1e-12, "synflow is computed in float64");
    }

    @Test
    void jacobCovOfALinearNetworkHasOneNonZeroEigenvalue() {
        // The input Jacobian of Σ logits is the same for every image, so the correlation matrix is
        // all ones: eigenvalues B (once) and 0 (B−1 times).
        Run r = run(ZeroCostMeasures.byName("jacob_cov"), false);
        double k = JacobCov.K;
        double expected = -(Math.log(BATCH + k) + 1 / (BATCH + k) + (BATCH - 1) * (Math.log(k) + 1 / k));
        assertEquals(expected, r.value(), 1e-3 * Math.abs(expected));
    }

    @Test
    void jacobCovScoresKnownCorrelationMatrices() {
        double[][] identity = {{1, 0}, {0, 1}};
        double k = JacobCov.K;
        assertEquals(-2 * (Math.log(1 + k) + 1 / (1 + k)), JacobCov.score(identity), 1e-12);
        double[][] corr = JacobCov.correlation(new double[] {1, 2, 3, 2, 4, 6.5}, 2);
        assertEquals(1.0, corr[0][0], 1e-12);
        assertEquals(0.9979487, corr[0][1], 1e-6); // np.corrcoef([1,2,3],[2,4,6.5])[0,1] = 4.5/(√2·√(61/6))
        assertEquals(Double.NaN, JacobCov.score(JacobCov.correlation(new double[] {1, 1, 1, 2, 3, 4}, 2)));
    }

    @Test
    void naswotCountsAgreeingReluCodes() {
        Run r = run(ZeroCostMeasures.byName("naswot"), true);
        double[][] pre = channelMeans(false);
        double[][] kh = new double[BATCH][BATCH];
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < BATCH; j++) {
                for (int c = 0; c < 3; c++) {
                    kh[i][j] += (pre[i][c] > 0) == (pre[j][c] > 0) ? 1 : 0;
                }
            }
        }
        double expected = Naswot.logAbsDet(kh);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(r.value()));
        } else {
            assertEquals(expected, r.value(), 1e-9);
        }
        // log|det| of a known matrix: det [[3,1],[1,3]] = 8
        assertEquals(Math.log(8), Naswot.logAbsDet(new double[][] {{3, 1}, {1, 3}}), 1e-12);
        assertTrue(Double.isNaN(Naswot.logAbsDet(new double[][] {{1, 1}, {1, 1}})));
    }

    @Test
    void paramsCountsTrainableParameters() {
        assertEquals(3 * CLASSES + CLASSES, run(ZeroCostMeasures.byName("params"), false).value());
    }

    @Test
    void flopsAndParamsEqualNasBench201sOwnCounts() {
        // NAS-Bench-201's get_model_infos: conv and linear MACs with biases, nothing else. All-'none'
        // cells leave stem 32·32·16·27 + reductions (16·16·32·144 + 16·16·32·288 + 16·16·32·16)
        // + (8·8·64·288 + 8·8·64·576 + 8·8·64·32) + classifier 64·10 + 10 = 7,783,050
        try (ZeroCostProxy flops = ZeroCostProxy.builder().setMeasure("flops").optImages(images).build();
                ZeroCostProxy params = ZeroCostProxy.builder().setMeasure("params").optImages(images).build()) {
            assertEquals(7_783_050, flops.score(Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).value());
            // the benchmark's index 0: 15.64737 M FLOPs
            assertEquals(15_647_370, flops.score(Nb201Arch.parse(
                    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")).value());
            // issue 12: 113.95137 M FLOPs and 802,426 parameters (0.802426 MB) in the benchmark
            Nb201Arch three = Nb201Arch.parse("|skip_connect~0|+|none~0|nor_conv_3x3~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
            assertEquals(113_951_370, flops.score(three).value());
            assertEquals(802_426, params.score(three).value());
            // index 2211: both convolutions read an all-zero node; the benchmark runs them (47.10465 M)
            Nb201Arch onZeros = Nb201Arch.parse("|none~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|skip_connect~1|nor_conv_1x1~2|");
            assertTrue(onZeros.hasConvOnZeroNode());
            assertEquals(47_104_650, flops.score(onZeros).value());
            assertEquals(344_346, params.score(onZeros).value());
            // the functional view prunes them: only the fixed part remains
            assertEquals(7_783_050, flops.score(onZeros.functional()).value());
            assertEquals(73_306, params.score(onZeros.functional()).value());
        }
    }

    @Test
    void naswotAtBatchOneCountsTheReluUnitsOfOpsOnZeroNodes() {
        // at batch 1 the NASWOT kernel is the 1×1 matrix [number of ReLU units]
        Nb201Arch onZeros = Nb201Arch.parse("|none~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|skip_connect~1|nor_conv_1x1~2|");
        try (ZeroCostProxy naswot = ZeroCostProxy.builder().setMeasure("naswot").optImages(images).optBatchSize(1).build()) {
            assertEquals(Math.log(327_680), naswot.score(onZeros).value(), 1e-9, "benchmark network: ln 327,680 = 12.6998");
            assertEquals(Math.log(40_960), naswot.score(onZeros.functional()).value(), 1e-9, "functional view: ln 40,960");
        }
    }

    @Test
    void everyMeasureScoresAnNb201NetworkAndRoundTripsThroughSettings() {
        Nb201Arch arch = Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
        for (String name : ZeroCostMeasures.names()) {
            try (ZeroCostProxy p = ZeroCostProxy.builder().setMeasure(name).optImages(images)
                    .optNetworkSize(new NetworkSize(4, 1)).optBatchSize(8).build()) {
                ProxyScore s = p.score(arch);
                assertTrue(s.ok(), name + ": " + s.error());
                assertTrue(Double.isFinite(s.value()), name + " = " + s.value());
                try (Proxy again = Proxies.fromSettings(p.settings(), images.source())) {
                    assertEquals(name, again.name());
                    assertEquals(p.settings(), again.settings());
                    assertEquals(s.value(), again.score(arch).value(), 0.0, name + " is reproducible");
                }
            }
        }
    }

    @Test
    void settingsThatChangeTheScoreChangeTheSettings() {
        try (ZeroCostProxy a = ZeroCostProxy.builder().setMeasure("snip").optImages(images).build();
                ZeroCostProxy b = ZeroCostProxy.builder().setMeasure("snip").optImages(images).optBatchSize(16).build();
                ZeroCostProxy c = ZeroCostProxy.builder().setMeasure("snip").optImages(images).optSeed(1).build()) {
            assertNotEquals(a.settings(), b.settings());
            assertNotEquals(a.settings(), c.settings());
        }
    }

    @Test
    void unknownMeasureNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZeroCostProxy.builder().setMeasure("synflo"));
        assertTrue(e.getMessage().contains("synflo") && e.getMessage().contains("synflow"), e.getMessage());
    }
}
