package io.gennas4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.nn.Layers;
import org.junit.jupiter.api.Test;

class KernelDecaySgdTest {

    @Test
    void momentumAndKernelOnlyDecayFollowPyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Linear linear = Layers.linear(3, 2);
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray w = linear.getParameters().get("weight").getArray();
            NDArray b = linear.getParameters().get("bias").getArray();
            float[] w0 = w.toFloatArray();
            float[] b0 = b.toFloatArray();
            float[] x = {1f, -2f, 0.5f};
            double lr = 0.1, mu = 0.9, wd = 0.01;
            try (KernelDecaySgd sgd = KernelDecaySgd.builder().optLearningRate(lr).optMomentum(mu).optWeightDecay(wd).build(linear)) {
                // loss = sum(W x + b): dL/dW[i][j] = x[j], dL/db[i] = 1
                for (int step = 0; step < 2; step++) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = linear.forward(ps, new NDList(m.create(x, new Shape(1, 3))), true).singletonOrThrow();
                        gc.backward(out.sum());
                    }
                    sgd.step();
                }
            }
            // by hand: step 1 v1 = g + wd w0, w1 = w0 - lr v1; step 2 v2 = mu v1 + (g + wd w1), w2 = w1 - lr v2
            float[] expectW = new float[6];
            for (int k = 0; k < 6; k++) {
                double g = x[k % 3];
                double v1 = g + wd * w0[k];
                double w1 = w0[k] - lr * v1;
                double v2 = mu * v1 + g + wd * w1;
                expectW[k] = (float) (w1 - lr * v2);
            }
            float[] expectB = new float[2];
            for (int k = 0; k < 2; k++) {
                double v1 = 1, v2 = mu * v1 + 1; // biases get no weight decay
                expectB[k] = (float) (b0[k] - lr * v1 - lr * v2);
            }
            assertArrayEquals(expectW, w.toFloatArray(), 1e-6f);
            assertArrayEquals(expectB, b.toFloatArray(), 1e-6f);
        }
    }
}
