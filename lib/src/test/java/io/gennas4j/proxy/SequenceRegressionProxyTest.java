package io.gennas4j.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.space.nbnlp.NlpModel;
import io.gennas4j.space.nbnlp.NlpRnnLayer;
import io.gennas4j.task.SequenceTaskConfig;
import org.junit.jupiter.api.Test;

class SequenceRegressionProxyTest {

    static final NlpArch RNN = NlpArch.parse("{\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},"
            + "\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}");

    /** A small model (emsize 16, nhid 24, 2 layers) so the test is quick; the protocol is the paper's otherwise. */
    static SequenceRegressionProxy.Builder small() {
        return SequenceRegressionProxy.builder().optSizes(16, 24, 2).optIterations(20).optEvalInterval(10).optLearningRate(0.01);
    }

    @Test
    void aCellTrainsAndScoresItsLastEvalLossReproducibly() {
        try (SequenceRegressionProxy p = small().build()) {
            ProxyScore a = p.score(RNN);
            assertNull(a.error());
            assertEquals(2, a.trace().length);
            assertEquals(a.trace()[1], a.value());
            assertTrue(a.trace()[1] < a.trace()[0], "20 Adam steps reduce the loss: " + java.util.Arrays.toString(a.trace()));
            assertTrue(a.value() > 0 && a.value() < 10, "CONF_NLP's target is of order 1: " + a.value());
            ProxyScore b = p.score(RNN);
            assertArrayEquals(a.trace(), b.trace(), "per-cell seeding: the same cell scores the same");
            assertEquals("gennas", p.name());
            assertEquals(false, p.higherIsBetter());
            try (Proxy rebuilt = Proxies.fromSettings(p.settings(), null)) {
                assertTrue(rebuilt instanceof SequenceRegressionProxy);
                assertEquals(a.value(), rebuilt.score(RNN).value(), "a worker rebuilds the same proxy");
            }
        }
    }

    /** The weights are created (and drawn) in an order fixed by the node names, not by how the JSON was written. */
    @Test
    void aRecipeInAnotherKeyOrderTrainsTheSameWeights() {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(io.gennas4j.space.nbnlp.NlpRecipeTest.LSTM).getAsJsonObject();
        java.util.List<String> keys = new java.util.ArrayList<>(o.keySet());
        java.util.Collections.reverse(keys);
        com.google.gson.JsonObject reversed = new com.google.gson.JsonObject();
        keys.forEach(k -> reversed.add(k, o.get(k)));
        NlpArch a = NlpArch.parse(io.gennas4j.space.nbnlp.NlpRecipeTest.LSTM);
        NlpArch b = NlpArch.parse(reversed.toString());
        assertNotEquals(a.recipe().nodes().keySet().iterator().next(), b.recipe().nodes().keySet().iterator().next());
        try (SequenceRegressionProxy p = small().optIterations(4).optEvalInterval(2).build()) {
            assertArrayEquals(p.score(a).trace(), p.score(b).trace());
        }
    }

    @Test
    void theSettingsChangeTheScoreAndNameEveryKnob() {
        try (SequenceRegressionProxy p = small().build(); SequenceRegressionProxy q = small().optLearningRate(0.001).build();
                SequenceRegressionProxy r = small().setTask(SequenceTaskConfig.byName("CONF_NLP_SIN1D_M")).build()) {
            assertNotEquals(p.score(RNN).value(), q.score(RNN).value());
            assertNotEquals(p.settings(), q.settings());
            assertNotEquals(p.settings().get("task"), r.settings().get("task"));
            assertEquals("recurrent", p.settings().get("network"));
            assertEquals("1.2E-6", p.settings().get("weight_decay"));
            assertEquals("0.1,0.25,0.1", p.settings().get("dropouts"));
        }
    }

    @Test
    void aCnnArchitectureIsRefusedWithTheProxyToUse() {
        try (SequenceRegressionProxy p = small().optIterations(1).build()) {
            ProxyScore s = p.score(Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
            assertNotNull(s.error());
            assertTrue(s.error().contains("RegressionProxy"), s.error());
        }
    }

    /** The reference's WeightDrop makes a fresh leaf of each dropped matrix: no gradient reaches it. */
    @Test
    void weightDroppedMatricesGetNoGradientAsInTheReference() {
        for (boolean trainDropped : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(1);
                NlpModel model = NlpModel.builder().setRecipe(RNN.recipe()).setDimension(4).optSizes(6, 5).optLayers(1)
                        .optTrainDroppedWeights(trainDropped).build();
                model.initialize(m, DataType.FLOAT32, new Shape(3, 2, 4));
                NlpRnnLayer layer = model.layers().get(0);
                assertEquals(trainDropped ? 0 : 1, model.frozenParameters().size());
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(model.forward(new ParameterStore(m, false), new NDList(m.randomUniform(-1, 1, new Shape(3, 2, 4))), true)
                            .singletonOrThrow().square().sum());
                }
                var ws = layer.weightParameters(); // [W_x, W_h] of node f
                assertTrue(layer.readsInput(ws.get(0)));
                double gx = ws.get(0).getArray().getGradient().abs().sum().getFloat();
                double gh = ws.get(1).getArray().getGradient().abs().sum().getFloat();
                assertTrue(gx > 0, "the x-input weight trains");
                assertEquals(trainDropped, gh > 0, "the hidden weight trains only with trainDroppedWeights: " + gh);
            }
        }
    }
}
