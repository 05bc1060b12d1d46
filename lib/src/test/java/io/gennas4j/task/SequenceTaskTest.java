package io.gennas4j.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceTaskTest {

    @Test
    void confNlpReadsAsShipped() {
        SequenceTaskConfig c = SequenceTaskConfig.byName("CONF_NLP");
        assertEquals(16, c.batchSize());
        assertEquals(48, c.dimension());
        assertEquals(8, c.length());
        assertEquals(48, c.waveGrid());
        assertEquals(new NoiseConfig(NoiseType.UNIFORM, 0.6), c.noise());
        assertEquals(List.of("sin2d"), List.copyOf(c.features().get(0).keySet()));
        assertEquals(List.of("sin2d", "dot_gaussian"), List.copyOf(c.features().get(1).keySet()));
        assertEquals(2.5999999999999996, c.features().get(0).get("sin2d").level());
        assertEquals(0.8625968590962992, c.features().get(1).get("dot_gaussian").partial());
        assertEquals(c, SequenceTaskConfig.fromJson(c.toJson()), "JSON round trip");
        // the reference runs every shipped task at --batch_size 16
        assertEquals(16, SequenceTaskConfig.byName("CONF_NLP_COMBO").batchSize());
        assertEquals(64, SequenceTaskConfig.byNameAsWritten("CONF_NLP_COMBO").batchSize());
        for (String name : SequenceTaskConfig.NAMES) {
            assertEquals(name.equals("CONF_NLP") ? 48 : 64, SequenceTaskConfig.byName(name).dimension(), name);
        }
    }

    @Test
    void dotsFillInt_partialLD_cellsOfEverySequence() {
        SequenceTaskConfig c = new SequenceTaskConfig(4, NoiseConfig.none(), 48, 8,
                List.of(Map.of("dot", BasisConfig.dots(1, 0.8625968590962992, true)), Map.of("dot", BasisConfig.dots(2, 1.0, true))));
        float[][] s = SequenceTask.drawStages(c, 7);
        for (int b = 0; b < 4; b++) {
            int nonZero = 0;
            int full = 0;
            for (int t = 0; t < 8; t++) {
                for (int d = 0; d < 48; d++) {
                    float v = s[0][(t * 4 + b) * 48 + d]; // [L, B, D]
                    if (v != 0) {
                        nonZero++;
                        assertEquals(1f, Math.abs(v));
                    }
                    assertEquals(2f, Math.abs(s[1][(t * 4 + b) * 48 + d]), "partial 1 sets every cell, times the level 2");
                    full++;
                }
            }
            assertEquals(331, nonZero, "int(0.8626 * 8 * 48)");
            assertEquals(384, full);
        }
    }

    @Test
    void sin1dMapsAreTimeWavesOrFeatureWavesCroppedFromTheSquareGrid() {
        SequenceTaskConfig c = new SequenceTaskConfig(16, NoiseConfig.none(), 32, 8,
                List.of(Map.of("sin1d", BasisConfig.wave(1, true, 0.1, 0.2, 0.3)), Map.of()));
        float[][] s = SequenceTask.drawStages(c, 3);
        int timeWaves = 0;
        for (int b = 0; b < 16; b++) {
            boolean rowsEqual = true; // depends on the feature index only
            boolean colsEqual = true; // depends on the time step only
            for (int t = 0; t < 8; t++) {
                for (int d = 0; d < 32; d++) {
                    float v = s[0][(t * 16 + b) * 32 + d];
                    assertTrue(Math.abs(v) <= 1.0001f);
                    rowsEqual &= v == s[0][(0 * 16 + b) * 32 + d];
                    colsEqual &= v == s[0][(t * 16 + b) * 32];
                }
            }
            assertTrue(rowsEqual ^ colsEqual, "sequence " + b + " is one Sin1D channel");
            timeWaves += colsEqual ? 1 : 0;
        }
        assertTrue(timeWaves > 0 && timeWaves < 16, "each sequence draws its own channel: " + timeWaves + " of 16 are time waves");
        assertArrayEquals(new float[8 * 16 * 32], s[1], "an empty stage is zero");
    }

    /** An 8×48 map (the NLP task's L×D) smoothed as scipy.ndimage.gaussian_filter(m, 1) / max|·| gives. */
    @Test
    void theGaussianDotSmoothsRectangularMapsAsScipyDoes() {
        float[] m = new float[8 * 48];
        m[0 * 48 + 3] = 1;
        m[5 * 48 + 47] = -1;
        m[7 * 48 + 20] = 1;
        new GaussianDot().finishMap(m, 0, 8, 48);
        double[][] expected = {{0, 3, 1.0}, {1, 3, 0.46178137868962094}, {0, 4, 0.6065306597126335}, {5, 47, -1.0},
            {5, 46, -0.461781378689621}, {4, 47, -0.6065306597126335}, {7, 20, 1.0}, {6, 21, 0.2800845642596252},
            {0, 0, 0.011444459166144819}, {3, 10, 0.0}};
        for (double[] e : expected) {
            assertEquals(e[2], m[(int) e[0] * 48 + (int) e[1]], 1e-6, "row " + (int) e[0] + ", column " + (int) e[1]);
        }
    }

    @Test
    void theTaskHoldsBothSequencesAndNoisesTheInputOnly() {
        SequenceTaskConfig c = SequenceTaskConfig.byName("CONF_NLP");
        try (NDManager m = NDManager.newBaseManager(); SequenceTask t = SequenceTask.create(c, 111, m)) {
            assertEquals(new Shape(8, 16, 48), t.input().getShape());
            assertEquals(new Shape(8, 16, 48), t.target().getShape());
            float[][] host = SequenceTask.drawStages(c, 111);
            assertArrayEquals(host[0], t.input().toFloatArray());
            assertArrayEquals(host[1], t.target().toFloatArray());
            try (NDManager step = m.newSubManager()) {
                float[] noisy = t.noisyInput(step).toFloatArray();
                double maxDiff = 0;
                for (int k = 0; k < noisy.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(noisy[k] - host[0][k]));
                }
                assertTrue(maxDiff > 0.3 && maxDiff <= 0.6 + 1e-5, "U(-0.6, 0.6) noise: " + maxDiff);
                assertTrue(!java.util.Arrays.equals(noisy, t.noisyInput(step).toFloatArray()), "fresh noise at every call");
                assertArrayEquals(host[1], t.target().toFloatArray(), "the target gets no noise");
                assertArrayEquals(host[0], t.input().toFloatArray(), "nor does the clean input change");
            }
        }
    }

    @Test
    void badNlpTasksSayWhatIsWrong() {
        String base = SequenceTaskConfig.byName("CONF_NLP").toJson();
        InvalidTaskConfigException e = assertThrows(InvalidTaskConfigException.class,
                () -> SequenceTaskConfig.fromJson(base.replaceFirst("\"dot\": null", "\"resize\": {\"level\": 1.0}")));
        assertTrue(e.getMessage().contains("resize needs an input image"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> SequenceTaskConfig.fromJson(base.replaceFirst("\"dimension\"", "\"last_channel_l0\": 1, \"dimension\"")));
        assertTrue(e.getMessage().contains("belongs to CNN tasks"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> SequenceTaskConfig.fromJson(base.replace("\"dimension\": 48,", "")));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> SequenceTaskConfig.byName("CONF_NB101"));
        assertTrue(e.getMessage().contains("CONF_NLP_COMBO"), e.getMessage());
    }

    @Test
    void randomTasksAndMutationFollowTheNlpGenerator() {
        Random rng = new Random(4);
        SequenceTaskConfig c = SequenceTaskConfig.random(rng);
        assertEquals(16, c.batchSize());
        for (int i = 0; i < 50; i++) {
            SequenceTaskConfig r = SequenceTaskConfig.random(rng);
            assertTrue(java.util.Arrays.stream(SequenceTaskConfig.DIMENSIONS).anyMatch(d -> d == r.dimension()));
            r.features().forEach(stage -> stage.values().forEach(b -> assertTrue(b.isLocal())));
            assertEquals(r, SequenceTaskConfig.fromJson(r.toJson()));
        }
        assertEquals(c, c.mutate(new Random(1), 1.0), "keep probability 1 changes nothing");
        assertNotEquals(c, c.mutate(new Random(1), 0.0));
        assertEquals(c.mutate(new Random(2), 0.8), c.mutate(new Random(2), 0.8), "seeded");
    }
}
