package io.gennas4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchAdamTest {

    /**
     * loss = (w·1)² from w = 1 with lr 0.1, weight decay 0.01: the three weights below are
     * torch.optim.Adam's, worked out by hand (g = 2w + 0.01w, bias-corrected moments, ε on the
     * corrected √v).
     */
    @Test
    void threeStepsMatchPyTorchsAdam() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            NDArray w = linear.getParameters().get("weight").getArray();
            w.set(new float[] {1f});
            ParameterStore ps = new ParameterStore(m, false);
            double[] expected = {0.9000000004975124, 0.8004122286867155, 0.7015862729382771};
            try (TorchAdam adam = TorchAdam.builder().optLearningRate(0.1).optWeightDecay(0.01).build(linear)) {
                for (int t = 0; t < 3; t++) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = linear.forward(ps, new NDList(m.ones(new Shape(1, 1))), true).singletonOrThrow();
                        gc.backward(out.square().sum());
                    }
                    adam.step();
                    assertEquals(expected[t], w.toFloatArray()[0], 2e-6, "step " + (t + 1));
                }
                assertEquals(3, adam.steps());
            }
        }
    }

    @Test
    void frozenParametersAreLeftAloneDecayIncluded() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(2).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            var weight = linear.getParameters().get("weight");
            float[] before = weight.getArray().toFloatArray();
            ParameterStore ps = new ParameterStore(m, false);
            try (TorchAdam adam = TorchAdam.builder().optWeightDecay(0.5).build(linear, List.of(weight))) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(linear.forward(ps, new NDList(m.ones(new Shape(1, 3))), true).singletonOrThrow().sum());
                }
                float[] bias = linear.getParameters().get("bias").getArray().toFloatArray();
                adam.step();
                assertArrayEquals(before, weight.getArray().toFloatArray(), "a frozen weight does not move");
                float[] after = linear.getParameters().get("bias").getArray().toFloatArray();
                assertEquals(bias[0] - 0.1, after[0], 1e-3, "the first Adam step moves a trained parameter by lr");
            }
        }
    }

    /**
     * Where ε goes: with g = 1e-8, PyTorch's first step is lr·m̂/(√v̂ + ε) = 0.1·1e-8/(1e-8 + 1e-8) =
     * 0.05; with ε on the uncorrected √v (DJL's Adam) it would be 0.0031.
     */
    @Test
    void epsilonSitsOnTheBiasCorrectedRoot() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(1).optBias(false).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            NDArray w = linear.getParameters().get("weight").getArray();
            w.set(new float[] {1f});
            ParameterStore ps = new ParameterStore(m, false);
            try (TorchAdam adam = TorchAdam.builder().optLearningRate(0.1).build(linear)) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(linear.forward(ps, new NDList(m.ones(new Shape(1, 1))), true).singletonOrThrow().sum().mul(1e-8f));
                }
                adam.step();
            }
            assertEquals(0.95, w.toFloatArray()[0], 1e-4);
        }
    }
}
