package io.gennas4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gennas4j.proxy.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void presetAloneIsThePreset() {
        assertEquals(Protocol.PAPER, Bench.protocol(Map.of()));
        assertEquals(Protocol.FAST, Bench.protocol(Map.of("preset", "fast")));
    }

    @Test
    void singleKnobsReplaceThePresetsValues() {
        Protocol p = Bench.protocol(Map.of("preset", "fast", "iters", "50", "cells", "2", "batch", "8"));
        assertEquals(Protocol.FAST.channels(), p.channels());
        assertEquals(2, p.cellsPerStage());
        assertEquals(50, p.iterations());
        assertEquals(8, p.batchSize());
        assertEquals(20, p.evalInterval());
        assertEquals(5, Bench.protocol(Map.of("eval-interval", "5", "channels", "8")).evalInterval());
        assertEquals(8, Bench.protocol(Map.of("eval-interval", "5", "channels", "8")).channels());
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bench.protocol(Map.of("preset", "quick")));
        assertEquals(true, e.getMessage().contains("paper, fast"));
    }

    @Test
    void peakResidentSetIsReadFromProc() {
        long mb = Bench.peakRssMb();
        // this JVM holds at least its heap's first pages; -1 only where /proc is missing
        assertEquals(true, mb > 10 || (mb == -1 && !java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))), "peak " + mb);
    }
}
