package io.gennas4j.space.transnas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gennas4j.nn.MacCounter;
import io.gennas4j.proxy.RegressionModel;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of spec transnas-eproxy.md A.6 (parameters, MACs, deterministic forward). */
class TransNasNetworkTest {

    static final NetworkSize FULL = new NetworkSize(64, 2);
    static final Shape CIFAR = new Shape(1, 3, 32, 32);

    static TransNasArch micro(String cell) {
        return TransNasSpace.MICRO.parse("64-41414-" + cell);
    }

    static TransNasArch macro(String skeleton) {
        return TransNasSpace.MACRO.parse("64-" + skeleton + "-basic");
    }

    /** Trainable parameters (weights, γ, β; not BN running statistics) of an initialised block. */
    static long parameters(Block block) {
        long n = 0;
        for (var p : block.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    static long[] paramsAndMacs(TransNasArch a, TransNasBuild build, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = TransNasNetwork.builder().setArchitecture(a).setSize(FULL).optBuild(build).build();
            net.initialize(m, DataType.FLOAT32, input);
            return new long[] {parameters(net), MacCounter.count(net, input, MacCounter.Convention.PTFLOPS, m)};
        }
    }

    static long[] eproxy(TransNasArch a) {
        return paramsAndMacs(a, TransNasBuild.EPROXY, CIFAR);
    }

    @Test
    void microWorkedExampleParametersAndMacs() {
        assertArrayEquals(new long[] {22_520_608L, 112_798_720L}, eproxy(micro("1_02_333")));
        assertArrayEquals(new long[] {41_411_616L, 206_993_408L}, eproxy(micro("3_33_333")));
        assertArrayEquals(new long[] {540_960L, 3_845_120L}, eproxy(micro("1_11_111")));
        assertArrayEquals(new long[] {19_488L, 1_433_600L}, eproxy(micro("0_00_000")), "stem only");
    }

    @Test
    void microModulesOfTheWorkedExample() {
        long[] expectedParams = {19_488, 854_272, 919_552, 3_412_480, 3_674_112, 13_640_704};
        long[] expectedMacs = {1_433_600, 13_690_880, 14_729_216, 13_661_184, 14_704_640, 54_579_200};
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = micro("1_02_333").network(FULL);
            net.initialize(m, DataType.FLOAT32, CIFAR);
            Shape shape = CIFAR;
            int k = 0;
            for (var child : net.getChildren()) {
                Block b = child.getValue();
                assertEquals(expectedParams[k], parameters(b), child.getKey());
                assertEquals(expectedMacs[k], MacCounter.count(b, shape, MacCounter.Convention.PTFLOPS, m), child.getKey());
                shape = b.getOutputShapes(new Shape[] {shape})[0];
                k++;
            }
            assertEquals(6, k);
            assertEquals(new Shape(1, 512, 2, 2), shape, "the 41412 module keeps 2x2 at 32x32 input");
        }
    }

    /** PyTorch's nearest interpolate: source index floor(dst·in/out), so a 2×2 map becomes 4×4 blocks. */
    @Test
    void nearestUpSamplingRepeatsEachPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            float[] up = RegressionModel.nearest(x, 8).toFloatArray();
            for (int h = 0; h < 8; h++) {
                for (int w = 0; w < 8; w++) {
                    assertEquals(1 + 2 * (h / 4) + (w / 4), up[h * 8 + w], "at " + h + "," + w);
                }
            }
            float[] constant = RegressionModel.nearest(m.create(new float[] {5}, new Shape(1, 1, 1, 1)), 8).toFloatArray();
            assertEquals(64, constant.length);
            for (float v : constant) {
                assertEquals(5f, v);
            }
            NDArray odd = m.zeros(new Shape(1, 1, 3, 3));
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RegressionModel.nearest(odd, 8)).getMessage().contains("not integer multiples"));
        }
    }

    @Test
    void networkSummaryReportsTheWorkedExample() {
        var t = io.gennas4j.notebook.NetworkSummary.of(List.of(micro("1_02_333"), macro("4111")), null);
        assertEquals(22_520_608L, t.longColumn("parameters").get(0));
        assertEquals(112_798_720L, t.longColumn("macs").get(0));
        assertEquals("256x2x2, 256x2x2, 512x2x2", t.stringColumn("taps").get(0));
        assertEquals("128x4x4, 128x4x4, 128x4x4", t.stringColumn("taps").get(1));
    }

    @Test
    void largestMicroCellPerModuleAndAtTheBenchmarkResolution() {
        long[] expected = {19_488, 1_551_360, 1_772_544, 6_199_296, 7_084_032, 24_784_896};
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = micro("3_33_333").network(FULL);
            net.initialize(m, DataType.FLOAT32, CIFAR);
            int k = 0;
            for (var child : net.getChildren()) {
                assertEquals(expected[k++], parameters(child.getValue()), child.getKey());
            }
        }
        TransNasArch official = TransNasSpace.MICRO_BENCHMARK.parse("64-41414-3_33_333");
        assertEquals(8_487_993_344L, paramsAndMacs(official, TransNasBuild.BENCHMARK, new Shape(1, 3, 256, 256))[1]);
        assertEquals(6_498_619_904L, paramsAndMacs(official, TransNasBuild.BENCHMARK, new Shape(1, 3, 224, 224))[1]);
    }

    @Test
    void officialBuildKeepsParametersAndShrinksTheLastMap() {
        TransNasArch a = TransNasSpace.MICRO_BENCHMARK.parse("64-41414-1_02_333");
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = a.network(FULL);
            net.initialize(m, DataType.FLOAT32, CIFAR);
            assertEquals(22_520_608L, parameters(net));
            Shape[] taps = net.getOutputShapes(new Shape[] {CIFAR});
            assertEquals(new Shape(1, 512, 1, 1), taps[2]);
        }
        assertEquals(4_599_414_784L, paramsAndMacs(a, TransNasBuild.BENCHMARK, new Shape(1, 3, 256, 256))[1]);
    }

    @Test
    void macroWorkedExamples() {
        assertArrayEquals(new long[] {3_400_224L, 62_723_072L}, eproxy(macro("1234")));
        assertArrayEquals(new long[] {2_317_600L, 38_238_208L}, eproxy(macro("4111")));
        assertArrayEquals(new long[] {39_625_504L, 2_070_925_312L}, eproxy(macro("222113")));
        assertEquals(1_505_384_448L, eproxy(macro("222133"))[1], "Eproxy's TransNAS MACs_max");
        assertEquals(4_014_276_608L, paramsAndMacs(macro("1234"), TransNasBuild.BENCHMARK, new Shape(1, 3, 256, 256))[1]);
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = macro("1234").network(FULL);
            net.initialize(m, DataType.FLOAT32, CIFAR);
            Shape[] taps = net.getOutputShapes(new Shape[] {CIFAR});
            assertEquals(new Shape(1, 128, 8, 8), taps[0]);
            assertEquals(new Shape(1, 128, 4, 4), taps[1]);
            assertEquals(new Shape(1, 256, 2, 2), taps[2]);
            assertArrayEquals(new int[] {128, 128, 256}, net.stageChannels());
        }
    }

    // A.6.5: {tap(deepest first), C, L1, L2², [0,0,0,0], [1,1,7,7], [0,3,2,5]}
    static final double[][] MICRO_1_02_333 = {
        {0, 512, 114740.41, 276897.46, 1.907425, 2.675492, 1.955379},
        {1, 256, 59708.69, 169560.82, -0.628114, 2.910785, 0.552698},
        {2, 256, 66328.08, 183051.43, -1.187590, 4.831120, 2.608117}};
    static final double[][] MICRO_3_33_333 = {
        {0, 512, 134064.29, 430747.45, 3.286098, 2.312636, -0.487864},
        {1, 256, 62494.71, 189415.58, -4.658012, -2.950626, -1.344059},
        {2, 256, 67119.23, 199322.12, 3.483831, -0.504272, -1.135118}};
    static final double[][] MACRO_1234 = {
        {0, 256, 35937.93, 67374.82, -0.005761, 1.415157, 3.481607},
        {1, 128, 24575.46, 54975.70, -2.388084, 0.945748, 1.287682},
        {2, 128, 22813.05, 53480.82, 0.471984, 0.461299, 0.235953}};
    static final double[][] MACRO_4111 = {
        {0, 128, 66541.66, 410777.41, 3.961378, -4.708046, -0.897060},
        {1, 128, 49968.75, 232376.70, 1.273866, -3.000472, -2.768309},
        {2, 128, 34905.96, 118092.36, -0.916346, -0.674353, -3.604951}};

    /** The three taps, deepest first, resized to 8×8, of a train-mode forward with A.6.5's weights and input. */
    static float[][] deterministicTaps(TransNasArch a, NDManager m) {
        StageNetwork net = a.network(FULL);
        Shape input = new Shape(2, 3, 32, 32);
        net.initialize(m, DataType.FLOAT32, input);
        for (var p : net.getParameters()) {
            Parameter param = p.getValue();
            NDArray w = param.getArray();
            if (param.getType() != Parameter.Type.WEIGHT || w.getShape().dimension() != 4) {
                continue;
            }
            Shape s = w.getShape();
            int o = (int) s.get(0), in = (int) s.get(1), kh = (int) s.get(2), kw = (int) s.get(3);
            float[] v = new float[o * in * kh * kw];
            double scale = 6 * Math.sqrt(in * kh * kw);
            int idx = 0;
            for (int a0 = 0; a0 < o; a0++) {
                for (int i = 0; i < in; i++) {
                    for (int h = 0; h < kh; h++) {
                        for (int ww = 0; ww < kw; ww++) {
                            v[idx++] = (float) ((((7 * a0 + 3 * i + 5 * h + 11 * ww) % 13) - 6) / scale);
                        }
                    }
                }
            }
            w.set(v);
        }
        float[] x = new float[2 * 3 * 32 * 32];
        int idx = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 32; h++) {
                    for (int w = 0; w < 32; w++) {
                        x[idx++] = (float) Math.sin(1 + 0.5 * n + 1.3 * c + 0.17 * h + 0.29 * w);
                    }
                }
            }
        }
        NDList taps = net.forward(new ParameterStore(m, false), new NDList(m.create(x, input)), true);
        float[][] out = new float[3][];
        for (int branch = 0; branch < 3; branch++) {
            out[branch] = RegressionModel.nearest(taps.get(2 - branch), 8).toFloatArray();
        }
        return out;
    }

    static void assertTaps(TransNasArch a, double[][] expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] taps = deterministicTaps(a, m);
            for (double[] e : expected) {
                int branch = (int) e[0];
                int c = (int) e[1];
                float[] t = taps[branch];
                assertEquals(2 * c * 64, t.length, a + " tap " + branch);
                double l1 = 0;
                double l2 = 0;
                for (float v : t) {
                    l1 += Math.abs(v);
                    l2 += (double) v * v;
                }
                String at = a + " tap " + branch;
                assertEquals(e[2], l1, 1e-3 * e[2], at + " L1");
                assertEquals(e[3], l2, 1e-3 * e[3], at + " L2^2");
                assertEquals(e[4], t[0], 1e-2, at + " [0,0,0,0]");
                assertEquals(e[5], t[((1 * c + 1) * 8 + 7) * 8 + 7], 1e-2, at + " [1,1,7,7]");
                assertEquals(e[6], t[(3 * 8 + 2) * 8 + 5], 1e-2, at + " [0,3,2,5]");
            }
        }
    }

    @Test
    void deterministicForwardMatchesTheSpecMicro() {
        assertTaps(micro("1_02_333"), MICRO_1_02_333);
        assertTaps(micro("3_33_333"), MICRO_3_33_333);
    }

    @Test
    void deterministicForwardMatchesTheSpecMacro() {
        assertTaps(macro("1234"), MACRO_1234);
        assertTaps(macro("4111"), MACRO_4111);
    }

    @Test
    void inputIgnoringCellGivesExactZeroTaps() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] taps = deterministicTaps(micro("0_00_000"), m);
            for (float[] t : taps) {
                for (float v : t) {
                    assertEquals(0f, v);
                }
            }
        }
        assertTrue(micro("0_00_000").isAlwaysZero());
    }
}
