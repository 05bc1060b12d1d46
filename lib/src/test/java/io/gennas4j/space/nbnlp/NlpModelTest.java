package io.gennas4j.space.nbnlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gennas4j.benchmark.NbNlpTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlpModelTest {

    static final String PLAIN_RNN = "{\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}";

    /** Two steps of h_t = tanh(W_x x_t + W_h h_{t−1} + b), by hand. */
    @Test
    void aPlainRnnStepsAsComputedByHand() {
        NlpRnnLayer layer = new NlpRnnLayer(NlpRecipe.parse(PLAIN_RNN), 2, 2, 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            layer.initialize(m, DataType.FLOAT32, new Shape(2, 1, 2));
            for (var p : layer.getParameters()) {
                Parameter q = p.getValue();
                switch (p.getKey()) {
                    case "f_w0" -> q.getArray().set(new float[] {1, 0, 0, 1});
                    case "f_w1" -> q.getArray().set(new float[] {0.5f, 0, 0, 0.5f});
                    case "f_b" -> q.getArray().set(new float[] {0.1f, -0.1f});
                    default -> throw new AssertionError(p.getKey());
                }
            }
            NDArray x = m.create(new float[] {1, 2, 0, 1}, new Shape(2, 1, 2));
            float[] out = layer.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            double h00 = Math.tanh(1.1);
            double h01 = Math.tanh(1.9);
            assertEquals(h00, out[0], 1e-6);
            assertEquals(h01, out[1], 1e-6);
            assertEquals(Math.tanh(0 + 0.5 * h00 + 0.1), out[2], 1e-6);
            assertEquals(Math.tanh(1 + 0.5 * h01 - 0.1), out[3], 1e-6);
        }
    }

    @Test
    void everyOpAsDefined() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {0.25f, 1f});
            NDArray a = m.create(new float[] {2f, -3f});
            NDArray b = m.create(new float[] {4f, 5f});
            assertArrayEquals(new float[] {3.5f, -3f}, op(NlpOp.BLEND, g, a, b), 1e-6f, "g·a + (1 − g)·b");
            assertArrayEquals(new float[] {8f, -15f}, op(NlpOp.ELEMENTWISE_PROD, a, b), 1e-6f);
            assertArrayEquals(new float[] {6f, 2f}, op(NlpOp.ELEMENTWISE_SUM, a, b), 1e-6f);
            assertArrayEquals(new float[] {(float) Math.tanh(2), (float) Math.tanh(-3)}, op(NlpOp.ACTIVATION_TANH, a), 1e-6f);
            assertArrayEquals(new float[] {(float) (1 / (1 + Math.exp(-2))), (float) (1 / (1 + Math.exp(3)))}, op(NlpOp.ACTIVATION_SIGM, a), 1e-6f);
            assertArrayEquals(new float[] {2f, -0.03f}, op(NlpOp.ACTIVATION_LEAKY_RELU, a), 1e-6f);
        }
    }

    static float[] op(NlpOp op, NDArray... in) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            names.add("x");
        }
        return NlpRnnLayer.apply(new NlpRecipe.Node("n", op, names), List.of(in)).toFloatArray();
    }

    /**
     * NAS-Bench-NLP's parameter counts: the language model adds a tied embedding (V·400) and the
     * decoder's bias (V) to the three layers (400→600, 600→600, 600→400); V = 10,000 on PTB. Every
     * PTB-labelled row's count is reproduced from the recipe.
     */
    @Test
    void layerParametersReproduceEveryPtbCount() {
        NbNlpTable t = NbNlpTable.load();
        for (NbNlpTable.Row row : t.labelled()) {
            long layers = 0;
            for (var pair : new long[][] {{400, 600}, {600, 600}, {600, 400}}) {
                NlpRnnLayer l = new NlpRnnLayer(row.recipe(), (int) pair[0], (int) pair[1], 0.1f);
                for (var p : l.getParameters()) {
                    layers += p.getValue().getShape().size();
                }
            }
            assertEquals(row.ptbParameters(), layers + 401L * 10_000, "recepie_id " + row.id());
        }
        assertEquals(313, t.labelled().size());
    }

    @Test
    void theGennasModelMapsSequencesToSequences() {
        NlpModel model = NlpModel.builder().setRecipe(NlpRecipe.parse(NlpRecipeTest.LSTM)).setDimension(8).optSizes(12, 10).build();
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(5, 3, 8);
            model.initialize(m, DataType.FLOAT32, in);
            assertEquals(3, model.layers().size());
            assertEquals(12, model.layers().get(2).hiddenSize(), "tied: the last layer has the embedding size");
            NDArray x = m.randomUniform(-1, 1, in);
            ParameterStore ps = new ParameterStore(m, false);
            float[] eval1 = model.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] eval2 = model.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertEquals(5 * 3 * 8, eval1.length);
            assertArrayEquals(eval1, eval2, "no dropout in eval mode");
            float[] train = model.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            assertFalse(java.util.Arrays.equals(eval1, train), "dropout and weight drop in training mode");
        }
    }
}
