package io.gennas4j.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionProxyTest {

    static final Nb201Arch CONV = Nb201Arch.parse(
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
    static final Nb201Arch POOL = Nb201Arch.parse(
            "|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|");
    static final Nb201Arch EMPTY = Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");

    @TempDir
    static Path dir;
    static Cifar10Images images;

    @BeforeAll
    static void images() {
        images = SyntheticCifar.images(dir, 40);
    }

    static RegressionProxy.Builder tiny() {
        return RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101")).optImages(images)
                .optNetworkSize(new NetworkSize(4, 1)).optIterations(20).optEvalInterval(5).optSeed(7);
    }

    @Test
    void scoresAreFiniteTracedAndReproducible() {
        ProxyScore a;
        ProxyScore b;
        try (RegressionProxy p = tiny().build()) {
            a = p.score(CONV);
        }
        try (RegressionProxy p = tiny().build()) {
            b = p.score(CONV);
        }
        assertNull(a.error());
        assertEquals(4, a.trace().length);
        assertTrue(Double.isFinite(a.value()) && a.value() > 0);
        assertEquals(a.trace()[3], a.value());
        assertEquals(a.value(), b.value(), 1e-6, "same seed, same score");
        assertTrue(a.trace()[3] < a.trace()[0], "training lowers the loss: " + java.util.Arrays.toString(a.trace()));
    }

    @Test
    void aFreshThreadScoresTheSameAsTheThreadThatLoadedTheEngine() throws Exception {
        // PyTorch's grad mode is thread-local and on in a new thread: the proxy must switch it off.
        double here;
        try (RegressionProxy p = tiny().build()) {
            here = p.score(CONV).value();
        }
        java.util.concurrent.atomic.AtomicReference<Object> there = new java.util.concurrent.atomic.AtomicReference<>();
        try (RegressionProxy p = tiny().build()) { // built here, scored on another thread (a notebook, a Spark task)
            Thread t = new Thread(() -> {
                try {
                    there.set(p.score(CONV));
                } catch (RuntimeException e) {
                    there.set(e);
                }
            });
            t.start();
            t.join();
        }
        assertTrue(there.get() instanceof ProxyScore, String.valueOf(there.get()));
        ProxyScore s = (ProxyScore) there.get();
        assertNull(s.error());
        assertEquals(here, s.value(), 0.0);
    }

    @Test
    void perArchitectureSeedingMakesScoresOrderIndependent() {
        double direct;
        double afterOthers;
        try (RegressionProxy p = tiny().build()) {
            direct = p.score(POOL).value();
        }
        try (RegressionProxy p = tiny().build()) {
            p.score(CONV);
            p.score(EMPTY);
            afterOthers = p.score(POOL).value();
        }
        assertEquals(direct, afterOthers, 1e-6);
    }

    @Test
    void architecturesAndSeedsChangeTheScore() {
        try (RegressionProxy p = tiny().build(); RegressionProxy q = tiny().optSeed(8).build()) {
            double conv = p.score(CONV).value();
            assertNotEquals(conv, p.score(POOL).value());
            assertNotEquals(conv, q.score(CONV).value());
            // an all-none cell passes nothing to the heads beyond BN of zeros: still a finite loss
            assertTrue(Double.isFinite(p.score(EMPTY).value()));
        }
    }

    @Test
    void settingsNameEveryKnob() {
        try (RegressionProxy p = tiny().optLearningRate(0.05).build()) {
            var s = p.settings();
            assertEquals("0.05", s.get("lr"));
            assertEquals("20", s.get("iterations"));
            assertEquals("4", s.get("channels"));
            assertEquals("PER_ARCHITECTURE", s.get("seed_policy"));
            assertTrue(s.get("task").contains("\"sin2d\""));
        }
    }

    @Test
    void nearestDownsamplingKeepsEveryFourthPixel() {
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var x = m.arange(0f, 32f * 32f).reshape(1, 1, 32, 32);
            float[] y = RegressionModel.nearest(x, 8).toFloatArray();
            assertEquals(64, y.length);
            assertEquals(0f, y[0]);
            assertEquals(4f, y[1]);
            assertEquals(4 * 32f, y[8]);
            assertEquals(28 * 32 + 28f, y[63]);
        }
    }
}
