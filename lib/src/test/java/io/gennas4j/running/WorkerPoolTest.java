package io.gennas4j.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.zerocost.ZeroCostProxy;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The worker pool, and issue 17's promise: the same scores in this process, with 1 and with 2 workers. */
class WorkerPoolTest {

    static final List<Nb201Arch> ARCHS = List.of(
            Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|"),
            Nb201Arch.parse("|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"),
            Nb201Arch.parse("|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_3x3~0|skip_connect~1|none~2|"),
            Nb201Arch.parse("|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|"));

    static RegressionProxy tiny(Path dir) {
        return RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optImages(Cifar10Images.load(SyntheticCifar.write(dir, 40, 42)))
                .optNetworkSize(new NetworkSize(4, 1)).optIterations(10).optEvalInterval(5).optSeed(5).build();
    }

    static Table run(Proxy proxy, List<Nb201Arch> archs, int workers) {
        return ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optWorkers(workers).build().run(archs);
    }

    /**
     * Scores in this process, then with 2 workers (and, if {@code alsoOneWorker}, with 1), and
     * asserts the scores are bit-for-bit equal.
     */
    static void assertSameScoresEverywhere(Proxy proxy, List<Nb201Arch> archs, boolean alsoOneWorker) {
        Table single = run(proxy, archs, 1);
        List<Table> pooled = new java.util.ArrayList<>();
        if (alsoOneWorker) {
            try (WorkerPool pool = WorkerPool.start(proxy, 1)) {
                pooled.add(ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optPool(pool).build().run(archs));
            }
        }
        pooled.add(run(proxy, archs, 2));
        for (Table t : pooled) {
            assertEquals(archs.size(), t.rowCount());
            for (int i = 0; i < archs.size(); i++) {
                assertEquals(archs.get(i).encoding(), t.stringColumn("arch").get(i), "results come back in input order");
                assertEquals("", t.stringColumn("error").get(i), "arch " + i + " failed");
                double a = single.doubleColumn("score").get(i);
                double b = t.doubleColumn("score").get(i);
                assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b),
                        proxy.name() + " arch " + i + ": " + a + " in this process, " + b + " in workers (must be bit-identical)");
            }
        }
    }

    @Test
    void gennasScoresAreIdenticalInProcessAndInOneOrTwoWorkers(@TempDir Path dir) {
        try (RegressionProxy proxy = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optImages(Cifar10Images.load(SyntheticCifar.write(dir, 40, 42))).optProtocol(Protocol.FAST).optSeed(5).build()) {
            assertSameScoresEverywhere(proxy, ARCHS, true);
        }
    }

    @Test
    void gennasPaperPresetScoresAreIdenticalInProcessAndInOneOrTwoWorkers(@TempDir Path dir) {
        // the cheapest of ARCHS (no convolution in its cells), twice so that both workers train
        try (RegressionProxy proxy = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optImages(Cifar10Images.load(SyntheticCifar.write(dir, 40, 42))).optProtocol(Protocol.PAPER).optSeed(5).build()) {
            assertSameScoresEverywhere(proxy, List.of(ARCHS.get(1), ARCHS.get(1)), false);
        }
    }

    @Test
    void zeroCostScoresAreIdenticalInProcessAndInOneOrTwoWorkers(@TempDir Path dir) {
        Cifar10Images images = Cifar10Images.load(SyntheticCifar.write(dir, 160, 42));
        // one measure per code path: gradient-based, synflow's signed weights, fisher's activation
        // gradients, the two activation-kernel measures
        for (String measure : List.of("grad_norm", "synflow", "fisher", "jacob_cov", "naswot")) {
            try (ZeroCostProxy proxy = ZeroCostProxy.builder().setMeasure(measure).optImages(images).optNetworkSize(new NetworkSize(8, 1)).build()) {
                assertSameScoresEverywhere(proxy, List.of(ARCHS.get(0), ARCHS.get(2)), false);
            }
        }
    }

    @Test
    void theAutomaticModeStartsWorkersOnlyWhenTheRestOfTheRunRepaysThem(@TempDir Path dir) {
        System.setProperty("gennas4j.workers", "2"); // as on a 2-core machine (surefire sets GENNAS4J_WORKERS=1)
        try (RegressionProxy proxy = tiny(dir)) {
            Table here = run(proxy, ARCHS, 1);
            int before = WorkerPool.processesStarted();
            Table shortRun = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).build().run(ARCHS);
            assertEquals(before, WorkerPool.processesStarted(), "4 tiny architectures never repay a worker's start-up");
            Table pooled = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optMinPoolSeconds(0)
                    .build().run(ARCHS);
            assertEquals(before + 2, WorkerPool.processesStarted(), "two scored here, the other two in two workers");
            for (Table t : List.of(shortRun, pooled)) {
                assertEquals(ARCHS.size(), t.rowCount());
                for (int i = 0; i < ARCHS.size(); i++) {
                    assertEquals(here.stringColumn("arch").get(i), t.stringColumn("arch").get(i));
                    assertEquals(here.doubleColumn("score").get(i), t.doubleColumn("score").get(i), 0.0);
                }
            }
        } finally {
            System.clearProperty("gennas4j.workers");
        }
    }

    @Test
    void scoresMadeUnderAnotherThreadCountAreAnotherCacheKey(@TempDir Path dir) {
        try (RegressionProxy proxy = tiny(dir)) {
            ScoringRunner runner = ScoringRunner.builder().setProxy(proxy).optWorkers(1).build();
            CacheKey underPolicy = runner.key(ARCHS.get(0));
            assertTrue(underPolicy.settings().contains(CacheKey.THREADS_KEY + "=1"), underPolicy.settings());
            String before = System.getProperty(IntraOpThreads.PROPERTY);
            System.setProperty(IntraOpThreads.PROPERTY, "2");
            try {
                assertEquals(2, IntraOpThreads.policy());
                CacheKey underTwo = runner.key(ARCHS.get(0));
                assertNotEquals(underPolicy.settingsHash(), underTwo.settingsHash(), "a 2-thread score must never be read as a 1-thread one");
                assertEquals(underTwo, CacheKey.of(underPolicy.space(), underPolicy.arch(), underPolicy.proxy(), proxy.settings(), 2,
                        underPolicy.version()));
            } finally {
                if (before == null) {
                    System.clearProperty(IntraOpThreads.PROPERTY);
                } else {
                    System.setProperty(IntraOpThreads.PROPERTY, before);
                }
            }
        }
    }

    @Test
    void badThreadAndWorkerSettingsAreRefusedWithTheFix() {
        System.setProperty(IntraOpThreads.PROPERTY, "zero");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, IntraOpThreads::policy);
            assertTrue(e.getMessage().contains("positive integer"), e.getMessage());
        } finally {
            System.clearProperty(IntraOpThreads.PROPERTY);
        }
        System.setProperty("gennas4j.workers", "0");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, WorkerPool::defaultWorkers);
            assertTrue(e.getMessage().contains("-Dgennas4j.workers=0") && e.getMessage().contains("one per core"), e.getMessage());
            System.setProperty("gennas4j.workers", "3");
            assertEquals(3, WorkerPool.defaultWorkers());
        } finally {
            System.clearProperty("gennas4j.workers");
        }
        assertThrows(IllegalArgumentException.class, () -> ScoringRunner.builder().optWorkers(-1));
    }

    @Test
    void aCrashedWorkerFailsOnlyItsArchitectureAndIsRestarted(@TempDir Path dir) {
        String victim = ARCHS.get(1).encoding();
        try (RegressionProxy proxy = tiny(dir);
                WorkerPool pool = WorkerPool.start(proxy, 1, Map.of(Worker.CRASH_ENV, victim))) {
            io.gennas4j.proxy.ProxyScore[] got = new io.gennas4j.proxy.ProxyScore[3];
            pool.score(ARCHS.subList(0, 3), (i, s) -> got[i] = s);
            assertTrue(got[0].ok(), String.valueOf(got[0].error()));
            assertTrue(!got[1].ok() && got[1].error().contains("died while scoring"), got[1].error());
            assertTrue(got[2].ok(), "the restarted worker scores the rest: " + got[2].error());
        }
    }
}
