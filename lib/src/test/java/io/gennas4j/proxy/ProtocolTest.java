package io.gennas4j.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.running.CacheKey;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolTest {

    @Test
    void paperIsTheSpecProtocol() {
        Protocol p = Protocol.PAPER;
        assertEquals(16, p.channels());
        assertEquals(5, p.cellsPerStage());
        assertEquals(100, p.iterations());
        assertEquals(16, p.batchSize());
        assertEquals(10, p.evalInterval());
    }

    @Test
    void parsesPresetsAndKnobLabels() {
        assertSame(Protocol.FAST, Protocol.parse("FAST"));
        assertSame(Protocol.PAPER, Protocol.byName("paper"));
        Protocol q = Protocol.parse("C8-n2-it50-b32-e25");
        assertEquals(new Protocol("C8 n2 it50 b32 e25", 8, 2, 50, 32, 25), q);
        // knobs left out keep the paper's values
        Protocol r = Protocol.parse("n1 it20");
        assertEquals(new Protocol("C16 n1 it20 b16 e10", 16, 1, 20, 16, 10), r);
        assertTrue(Protocol.PAPER.withChannels(8).withCells(1).withIterations(20).withEvalInterval(20).sameKnobs(Protocol.FAST));
        assertEquals("C16 n5 it20 b16 e10", Protocol.PAPER.withIterations(20).name());
        assertEquals(5, Protocol.PAPER.withIterations(5).evalInterval(), "eval interval capped at the iterations");
    }

    @Test
    void overridingReplacesOnlyTheKnobsSet() {
        assertSame(Protocol.FAST, Protocol.FAST.overriding(0, 0, 0, 0, 0));
        assertEquals(new Protocol("C16 n2 it50 b16 e10", 16, 2, 50, 16, 10), Protocol.PAPER.overriding(0, 2, 50, 0, 0));
        // an explicit eval interval wins over the iterations' cap, whatever the argument order suggests
        assertEquals(new Protocol("C8 n5 it5 b8 e10", 8, 5, 5, 8, 10), Protocol.PAPER.overriding(8, 0, 5, 8, 10));
        assertEquals(5, Protocol.PAPER.overriding(0, 0, 5, 0, 0).evalInterval());
    }

    @Test
    void badProtocolsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocol.parse("C16 x3"));
        assertTrue(e.getMessage().contains("'x3'") && e.getMessage().contains("paper"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Protocol.byName("quick"));
        assertTrue(e.getMessage().contains("quick") && e.getMessage().contains("fast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Protocol("bad", 16, 0, 100, 16, 10));
        assertTrue(e.getMessage().contains("cells"), e.getMessage());
    }

    @Test
    void protocolSetsEveryKnobOfTheProxyAndItsCacheKey(@TempDir Path dir) {
        var images = SyntheticCifar.images(dir, 40);
        try (RegressionProxy fast = RegressionProxy.builder().optImages(images).optProtocol(Protocol.FAST).build();
                RegressionProxy paper = RegressionProxy.builder().optImages(images).optProtocol(Protocol.PAPER).build();
                RegressionProxy plain = RegressionProxy.builder().optImages(images).build();
                RegressionProxy b8 = RegressionProxy.builder().optImages(images).optProtocol(Protocol.PAPER.withBatchSize(8)).build()) {
            Map<String, String> s = fast.settings();
            assertEquals("8", s.get("channels"));
            assertEquals("1", s.get("cells_per_stage"));
            assertEquals("20", s.get("iterations"));
            assertEquals("20", s.get("eval_interval"));
            assertEquals(16, fast.task().input().getShape().get(0));
            assertEquals(8, b8.task().input().getShape().get(0));
            assertTrue(b8.settings().get("task").contains("\"batchsize\":8"), b8.settings().get("task"));
            assertNotEquals(key(paper), key(fast));
            assertNotEquals(key(paper), key(b8));
            // the paper protocol is the builder's default apart from the explicit network size
            assertEquals(paper.settings().get("task"), plain.settings().get("task"));
            assertEquals(paper.settings().get("iterations"), plain.settings().get("iterations"));
        }
    }

    private static CacheKey key(RegressionProxy p) {
        return CacheKey.of("nb201", "x", p.name(), p.settings(), "v");
    }
}
