package io.gennas4j.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class WorkerPoolTest {

    static final List<Nb201Arch> ARCHS = List.of(
            Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|"),
            Nb201Arch.parse("|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"),
            Nb201Arch.parse("|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_3x3~0|skip_connect~1|none~2|"),
            Nb201Arch.parse("|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|"));

    static RegressionProxy tiny(Path dir) {
        return RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optImages(io.gennas4j.benchmark.Cifar10Images.load(SyntheticCifar.write(dir, 40, 42)))
                .optNetworkSize(new NetworkSize(4, 1)).optIterations(10).optEvalInterval(5).optSeed(5).build();
    }

    @Test
    void poolGivesTheSingleProcessScores(@TempDir Path dir) {
        int before = IntraOpThreads.get();
        try (RegressionProxy proxy = tiny(dir)) {
            IntraOpThreads.set(1); // the workers' count, so both runs sum in the same order
            Table single;
            try {
                single = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).build().run(ARCHS);
            } finally {
                IntraOpThreads.set(before);
            }
            Table pooled = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent())
                    .optWorkers(2, 1).build().run(ARCHS);
            assertEquals(ARCHS.size(), pooled.rowCount());
            for (int i = 0; i < ARCHS.size(); i++) {
                assertEquals(ARCHS.get(i).encoding(), pooled.stringColumn("arch").get(i), "results come back in input order");
                double a = single.doubleColumn("score").get(i);
                double b = pooled.doubleColumn("score").get(i);
                assertEquals(a, b, 0.0, "arch " + i + ": same seeds and thread count give the same score");
            }
        }
    }

    @Test
    void aCrashedWorkerFailsOnlyItsArchitectureAndIsRestarted(@TempDir Path dir) {
        String victim = ARCHS.get(1).encoding();
        try (RegressionProxy proxy = tiny(dir);
                WorkerPool pool = WorkerPool.start(proxy, 1, 1, java.util.Map.of(Worker.CRASH_ENV, victim))) {
            io.gennas4j.proxy.ProxyScore[] got = new io.gennas4j.proxy.ProxyScore[3];
            pool.score(ARCHS.subList(0, 3), (i, s) -> got[i] = s);
            assertTrue(got[0].ok(), String.valueOf(got[0].error()));
            assertTrue(!got[1].ok() && got[1].error().contains("died while scoring"), got[1].error());
            assertTrue(got[2].ok(), "the restarted worker scores the rest: " + got[2].error());
        }
    }
}
