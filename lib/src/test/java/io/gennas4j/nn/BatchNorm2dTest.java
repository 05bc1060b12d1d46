package io.gennas4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class BatchNorm2dTest {

    // one channel, 4 values: mean 2.5, biased var 1.25, unbiased var 5/3
    static final float[] X = {1, 2, 3, 4};

    static float[] run(BatchNorm2d bn, boolean training, NDManager m, ParameterStore ps) {
        NDArray x = m.create(X, new Shape(4, 1, 1, 1));
        return bn.forward(ps, new NDList(x), training).singletonOrThrow().toFloatArray();
    }

    @Test
    void trainingNormalisesWithBatchStatsAndUpdatesRunningStatsLikePyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm2d bn = Layers.batchNorm();
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 1, 1, 1));
            ParameterStore ps = new ParameterStore(m, false);
            float[] y = run(bn, true, m, ps);
            double sd = Math.sqrt(1.25 + 1e-5);
            assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)}, y, 1e-5f);
            float rm = bn.getParameters().get("runningMean").getArray().getFloat(0);
            float rv = bn.getParameters().get("runningVar").getArray().getFloat(0);
            assertEquals(0.1 * 2.5, rm, 1e-6);
            assertEquals(0.9 * 1 + 0.1 * (5.0 / 3), rv, 1e-6);
            // eval uses the running statistics
            float[] e = run(bn, false, m, ps);
            assertEquals((1 - rm) / Math.sqrt(rv + 1e-5), e[0], 1e-5);
        }
    }

    @Test
    void untrackedNormAlwaysUsesBatchStatsAndHasNoTrainableParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm2d bn = Layers.batchStatNorm();
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 1, 1, 1));
            ParameterStore ps = new ParameterStore(m, false);
            run(bn, true, m, ps);
            float[] eval = run(bn, false, m, ps);
            assertEquals(-1.5 / Math.sqrt(1.25 + 1e-5), eval[0], 1e-5);
            bn.getParameters().values().forEach(p -> assertEquals(false, p.requiresGradient(), p.getName()));
        }
    }
}
