package io.gennas4j.proxy.eproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.eproxy.TargetMap;
import io.gennas4j.training.KernelDecaySgd;
import io.gennas4j.training.Losses;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EproxyProxyTest {

    static final Nb201Arch A = Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
    static final Nb201Arch B = Nb201Arch.parse("|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|skip_connect~1|nor_conv_3x3~2|");

    @TempDir
    static Path targetsDir;

    /** Two small branches so the score's 1, ½ weights are visible. */
    static EproxyConfig twoBranches(EproxyConfig.MacMode mode) {
        var b0 = new EproxyConfig.Branch(EnumSet.of(TargetMap.NET, TargetMap.WAVE_H), 3, 3, 32, 16, 1.0);
        var b1 = new EproxyConfig.Branch(EnumSet.of(TargetMap.DOT), 1, 1, 16, 8, 0.5);
        return new EproxyConfig(1.2, 0.3, mode, 2, InitScheme.PYTORCH_DEFAULT, InitScheme.XAVIER_UNIFORM, List.of(b0, b1, b1));
    }

    static EproxyProxy.Builder tiny(EproxyConfig config) {
        return EproxyProxy.builder().setConfig(config).optNetworkSize(new NetworkSize(4, 1)).optTargetsDirectory(targetsDir)
                .optSeed(7);
    }

    static float[] barrierWeights(EproxyProxy p, Nb201Arch arch) {
        try (NDManager m = NDManager.newBaseManager()) {
            return p.prepare(arch, m).barrier().getParameters().valueAt(0).getArray().toFloatArray();
        }
    }

    @Test
    void theBarrierIsFrozenOutsideTheOptimiserAndRedrawnPerArchitecture() {
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS)).optIterations(3).build();
                NDManager m = NDManager.newBaseManager()) {
            EproxyProxy.Prepared prep = p.prepare(A, m);
            assertTrue(prep.barrier().frozen());
            Map<Parameter, Boolean> trained = new IdentityHashMap<>();
            try (KernelDecaySgd sgd = KernelDecaySgd.builder().build(prep.model())) {
                sgd.parameters().forEach(x -> trained.put(x, true));
            }
            for (var pair : prep.barrier().getParameters()) {
                assertFalse(trained.containsKey(pair.getValue()), "barrier parameter " + pair.getKey() + " is not trained");
            }
            float[] barrierBefore = prep.barrier().getParameters().valueAt(0).getArray().toFloatArray();
            Parameter head = firstHeadKernel(prep.model());
            float[] headBefore = head.getArray().toFloatArray();
            p.train(prep.model(), prep.barrier(), m, new double[3]);
            assertArrayEquals(barrierBefore, prep.barrier().getParameters().valueAt(0).getArray().toFloatArray(),
                    "training leaves the barrier at its random initialisation");
            float[] headAfter = head.getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(headBefore, headAfter), "the head is trained");

            assertArrayEquals(barrierWeights(p, A), barrierWeights(p, A), "the same architecture gets the same barrier");
            assertFalse(java.util.Arrays.equals(barrierWeights(p, A), barrierWeights(p, B)), "another one a fresh barrier");
        }
    }

    private static Parameter firstHeadKernel(EproxyModel model) {
        // the heads' layers follow the backbone's in construction order
        return io.gennas4j.nn.Blocks.weightLayers(model).get(io.gennas4j.nn.Blocks.weightLayers(model.backbone()).size()).weight();
    }

    /** Σ_i MSE_i / 2^i of one forward pass, and Σ_i MSE_i (the training loss). */
    static double[] losses(EproxyProxy p, EproxyProxy.Prepared prep, ParameterStore ps, NDList[] keep) {
        NDList out = prep.barrier().forward(ps, prep.model().forward(ps, new NDList(p.input().duplicate()), true), true);
        keep[0] = out;
        double mse0 = Losses.mse(out.get(0), p.branchTarget(0)).getFloat();
        double mse1 = Losses.mse(out.get(1), p.branchTarget(1)).getFloat();
        return new double[] {mse0 + mse1 / 2, mse0 + mse1};
    }

    @Test
    void theScoreIsTheWeightedErrorOfTheLastForwardPassBeforeItsUpdate() {
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS)).optIterations(2).build();
                NDManager m = NDManager.newBaseManager()) {
            ProxyScore s = p.score(A);
            assertNull(s.error());
            // replay by hand: forward, backward on Σ MSE, one SGD step, forward again
            EproxyProxy.Prepared prep = p.prepare(A, m);
            ParameterStore ps = new ParameterStore(m, false);
            NDList[] out = new NDList[1];
            double first;
            double second;
            try (KernelDecaySgd sgd = KernelDecaySgd.builder().optLearningRate(1.2).optMomentum(0.9).optWeightDecay(4e-5)
                    .build(prep.model())) {
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    first = losses(p, prep, ps, out)[0];
                    gc.backward(Losses.mse(out[0].get(0), p.branchTarget(0)).add(Losses.mse(out[0].get(1), p.branchTarget(1))));
                }
                sgd.step();
                second = losses(p, prep, ps, out)[0];
            }
            assertEquals(16, out[0].get(0).getShape().get(1));
            assertEquals(8, out[0].get(1).getShape().get(1));
            assertEquals(first, s.trace()[0], 1e-5 * first, "branch 0 weight 1, branch 1 weight 1/2, untrained network");
            assertEquals(second, s.trace()[1], 1e-4 * second, "the 2nd value is read after one update, before the 2nd");
            assertEquals(s.trace()[1], s.value());
            assertNotEquals(first, second, "the update changed the error");
        }
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS)).build()) {
            ProxyScore s = p.score(A);
            assertEquals(10, s.trace().length);
            assertEquals(s.trace()[9], s.value());
            assertTrue(s.trace()[9] < s.trace()[0], "ten steps lower the error: " + java.util.Arrays.toString(s.trace()));
        }
    }

    @Test
    void theMacsTermScalesTheLossByOneMinusAlphaTimesTheMacsRatio() {
        double loss;
        double withMacs;
        long macs;
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS)).build()) {
            loss = p.score(A).value();
            macs = p.macs(A);
        }
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS_MACS)).build()) {
            withMacs = p.score(A).value();
            assertEquals(1 - 0.3 * macs / 187166720.0, withMacs / loss, 1e-9, "nb201 MACs_max 187,166,720");
        }
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.MACS_ONLY)).build()) {
            assertEquals(-macs, p.score(A).value(), "macs_only: -MACs, no training");
        }
        assertTrue(macs > 0);
    }

    @Test
    void settingsRebuildTheSameProxyAndKeyEverySetting() {
        try (EproxyProxy p = tiny(twoBranches(EproxyConfig.MacMode.LOSS_MACS)).build()) {
            Map<String, String> s = p.settings();
            assertEquals("eproxy", s.get("proxy"));
            assertEquals(p.targets().fingerprint(), s.get("targets"));
            try (var q = (EproxyProxy) Proxies.fromSettings(s, p.imagesFile())) {
                assertEquals(s, q.settings());
                assertEquals(p.score(B).value(), q.score(B).value(), 0, "same settings, same score");
            }
            try (EproxyProxy other = tiny(twoBranches(EproxyConfig.MacMode.LOSS_MACS).withLearningRate(0.5)).build()) {
                assertNotEquals(s.get("config"), other.settings().get("config"));
            }
        }
    }

    @Test
    void aDivergingConfigurationRanksLastWithItsRawTraceKept() {
        EproxyConfig huge = twoBranches(EproxyConfig.MacMode.LOSS).withLearningRate(1e8);
        try (EproxyProxy p = tiny(huge).build()) {
            ProxyScore s = p.score(A);
            assertNull(s.error());
            assertTrue(s.value() >= EproxyProxy.FAILED_SCORE && s.value() < EproxyProxy.FAILED_SCORE + 1, "score " + s.value());
            assertFalse(Double.isFinite(s.trace()[9]), "the trace keeps the non-finite value");
        }
    }

    @Test
    void theDefaultConfigurationIsThePapersAndBadInputIsNamed() {
        EproxyConfig d = EproxyConfig.defaults();
        assertEquals(1, d.active().size());
        EproxyConfig.Branch b = d.active().get(0);
        assertEquals(EnumSet.of(TargetMap.NET, TargetMap.WAVE_H), b.features());
        assertEquals(3, b.headKernel());
        assertEquals(3, b.barrierKernel());
        assertEquals(512, b.outChannels());
        assertEquals(64, b.lastChannels());
        assertEquals(1.2, d.learningRate());
        assertEquals(0.1, d.alpha());
        assertEquals(d, EproxyConfig.fromJson(d.toJson()));
        EproxyConfig two = twoBranches(EproxyConfig.MacMode.LOSS);
        assertEquals(two, EproxyConfig.fromJson(two.toJson()));
        assertEquals(0.7, EproxyConfig.fromJson("{\"lr\":0.7}").learningRate());
        var e = assertThrows(IllegalArgumentException.class, () -> EproxyConfig.fromJson("{\"slots\":[{\"features\":[\"sin\"]}]}"));
        assertTrue(e.getMessage().contains("net, wave_l"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EproxyConfig.fromJson("{\"slots\":[{\"features\":[],\"head_kernel\":5}]}"));
        assertTrue(e.getMessage().contains("[1, 3, 7]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EproxyConfig.fromJson("{\"branches\":4}"));
        assertThrows(IllegalArgumentException.class, () -> EproxyProxy.builder().optBatchSize(8).build());
    }

    @Test
    void initSchemesDrawThePublishedDistributions() {
        try (NDManager m = NDManager.newBaseManager()) {
            var conv = io.gennas4j.nn.Layers.conv2d(64, 32, 3, 1, 1, true);
            conv.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 64, 8, 8));
            double fanIn = 64 * 9;
            double fanOut = 32 * 9;
            Map<InitScheme, Double> std = Map.of(InitScheme.PYTORCH_DEFAULT, 1 / Math.sqrt(fanIn) / Math.sqrt(3),
                    InitScheme.XAVIER_UNIFORM, Math.sqrt(2 / (fanIn + fanOut)), InitScheme.XAVIER_NORMAL, Math.sqrt(2 / (fanIn + fanOut)),
                    InitScheme.KAIMING_UNIFORM, Math.sqrt(2 / fanOut), InitScheme.KAIMING_NORMAL, Math.sqrt(2 / fanOut));
            for (var e : std.entrySet()) {
                e.getKey().apply(conv, m);
                NDArray w = conv.getParameters().get("weight").getArray();
                double sd = Math.sqrt(w.pow(2).mean().getFloat());
                assertEquals(e.getValue(), sd, 0.05 * e.getValue(), e.getKey() + " weight std");
                float[] bias = conv.getParameters().get("bias").getArray().toFloatArray();
                switch (e.getKey()) {
                    case XAVIER_UNIFORM, XAVIER_NORMAL -> assertEquals(0.01f, bias[5]);
                    case KAIMING_UNIFORM, KAIMING_NORMAL -> assertEquals(0f, bias[5]);
                    case PYTORCH_DEFAULT -> assertTrue(Math.abs(bias[5]) <= 1 / Math.sqrt(fanIn));
                }
            }
        }
    }
}
