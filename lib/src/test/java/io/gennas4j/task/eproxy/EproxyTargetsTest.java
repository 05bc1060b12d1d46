package io.gennas4j.task.eproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.task.InputBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EproxyTargetsTest {

    static NDManager manager;
    static InputBatch batch;
    static EproxyTargets targets;

    @BeforeAll
    static void generate() {
        manager = NDManager.newBaseManager();
        batch = InputBatch.draw(Cifar10Images.load(), 16, 111, true, 4, InputBatch.EPROXY_MEAN, InputBatch.EPROXY_STD);
        targets = EproxyTargets.generate(batch, 2022, manager);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void mapsPassTheAcceptanceChecksOfB7() {
        targets.check(); // throws on failure
        for (float v : targets.map(TargetMap.DOT)) {
            assertTrue(v == 1f || v == -1f);
        }
        List<EproxyTargets.MapStatistics> stats = targets.statistics();
        EproxyTargets.MapStatistics net = stats.get(TargetMap.NET.ordinal());
        assertEquals(1.0, net.maxAbs(), 1e-6, "net is divided by its max |value|");
        assertTrue(net.std() > 0.08 && net.std() < 0.2, "net std " + net.std());
        assertTrue(Math.abs(net.mean()) < 0.01, "net mean " + net.mean());
        assertTrue(net.lag1() > 0.35 && net.lag1() < 0.75, "net lag-1 autocorrelation " + net.lag1());
        // wave_l is nearly constant across a row (β ≈ 0.017), wave_h alternates fast: their lag-1
        // autocorrelations (over both axes' maps) are ordered by frequency
        double l = stats.get(TargetMap.WAVE_L.ordinal()).lag1();
        double m = stats.get(TargetMap.WAVE_M.ordinal()).lag1();
        double h = stats.get(TargetMap.WAVE_H.ordinal()).lag1();
        assertTrue(l > m && m > h, "lag-1: L " + l + " M " + m + " H " + h);
        for (var s : stats) {
            assertTrue(s.maxAbs() <= 1.0 + 1e-6, s.map() + " max " + s.maxAbs());
        }
    }

    @Test
    void waveMapsAreUnitSin1DWavesOfTheirBand() {
        float[] h = targets.map(TargetMap.WAVE_H);
        // map (image 3, channel 17): constant along one axis, a unit sinusoid of an H frequency along the other
        int o = (3 * 512 + 17) * 64;
        boolean rows = true;
        boolean cols = true;
        for (int i = 0; i < 8; i++) {
            for (int j = 1; j < 8; j++) {
                rows &= h[o + i * 8 + j] == h[o + i * 8];
                cols &= h[o + j * 8 + i] == h[o + i];
            }
        }
        assertTrue(rows ^ cols);
        double[] line = new double[8];
        for (int k = 0; k < 8; k++) {
            line[k] = rows ? h[o + k * 8] : h[o + k];
        }
        assertTrue(EproxyTargets.fitsSinusoid(line, EproxyTargets.H_RANGE));
        assertFalse(EproxyTargets.fitsSinusoid(line, EproxyTargets.L_RANGE), "an H wave is not an L wave");
        double[] notAWave = {1, 0, 0, 1, 0, 0, 1, 0};
        assertFalse(EproxyTargets.fitsSinusoid(notAWave, EproxyTargets.H_RANGE));
        double[] wave = new double[8];
        for (int k = 0; k < 8; k++) {
            wave[k] = Math.cos(2 * Math.PI * 0.35 * (k + 1) + 0.3);
        }
        assertTrue(EproxyTargets.fitsSinusoid(wave, EproxyTargets.M_RANGE));
        for (int k = 0; k < 8; k++) {
            wave[k] *= 0.5;
        }
        assertFalse(EproxyTargets.fitsSinusoid(wave, EproxyTargets.M_RANGE), "amplitude must be 1");
    }

    @Test
    void eachMapHasItsOwnRecordedSeedAndTheMasterSeedFixesThem() {
        Set<Long> seeds = new java.util.HashSet<>(targets.seeds().values());
        assertEquals(5, seeds.size());
        assertEquals(EproxyTargets.seedOf(2022, TargetMap.NET), targets.seeds().get(TargetMap.NET));
        EproxyTargets again = EproxyTargets.generate(batch, 2022, manager);
        assertEquals(targets.fingerprint(), again.fingerprint(), "same master seed and batch, same maps");
        EproxyTargets other = EproxyTargets.generate(batch, 7, manager);
        assertNotEquals(targets.fingerprint(), other.fingerprint());
        assertThrows(IllegalArgumentException.class, () -> EproxyTargets.generate(
                InputBatch.draw(Cifar10Images.load(), 8, 1, false), 1, manager), "a batch of 8 is refused");
    }

    @Test
    void storedOnceAndReadBackIdentically(@TempDir Path dir) throws Exception {
        EproxyTargets stored = EproxyTargets.loadOrGenerate(dir, batch, 2022, manager);
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.toList();
        }
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().contains("seed2022"));
        Object inode = Files.readAttributes(files.get(0), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        EproxyTargets read = EproxyTargets.loadOrGenerate(dir, batch, 2022, manager);
        // a rewrite goes through a temporary file and a move, which gives the name a new inode
        assertEquals(inode, Files.readAttributes(files.get(0), java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "the second call reads, never rewrites");
        assertEquals(stored.fingerprint(), read.fingerprint());
        assertEquals(targets.fingerprint(), read.fingerprint());
        assertEquals(stored.seeds(), read.seeds());
        assertArrayEquals(targets.map(TargetMap.NET), read.map(TargetMap.NET));
    }

    @Test
    void aBranchTargetIsTheLevelTimesTheSumOfItsMapsSliced() {
        float[] net = targets.map(TargetMap.NET);
        float[] h = targets.map(TargetMap.WAVE_H);
        float[] y = targets.target(EnumSet.of(TargetMap.NET, TargetMap.WAVE_H), 64, 1.5);
        assertEquals(16 * 64 * 64, y.length);
        Random rng = new Random(3);
        for (int t = 0; t < 50; t++) {
            int b = rng.nextInt(16);
            int c = rng.nextInt(64);
            int k = rng.nextInt(64);
            int src = (b * 512 + c) * 64 + k;
            int dst = (b * 64 + c) * 64 + k;
            assertEquals(1.5 * (net[src] + h[src]), y[dst], 1e-5);
        }
        for (float v : targets.target(EnumSet.noneOf(TargetMap.class), 32, 2)) {
            assertEquals(0f, v);
        }
        assertThrows(IllegalArgumentException.class, () -> targets.target(EnumSet.of(TargetMap.DOT), 513, 1));
    }
}
