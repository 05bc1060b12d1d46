package io.gennas4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Issue 16 §2 on a real Spark cluster: {@code local-cluster[2,1,1024]} is a standalone master and
 * two workers in this JVM, each running one executor JVM (launched without a Spark installation,
 * on this JVM's class path). Scores at the fast preset must equal an in-process run bit for bit
 * (same intra-op thread count), a killed executor must cost nothing (Spark retries its task on a
 * fresh executor), and an architecture whose executor dies on every attempt must be recorded as
 * failed with Spark's reason while the rest of the list is scored.
 */
class SparkClusterIT {

    static final List<Nb201Arch> ARCHS = List.of(
            Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|"),
            Nb201Arch.parse("|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"),
            Nb201Arch.parse("|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_3x3~0|skip_connect~1|none~2|"),
            Nb201Arch.parse("|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|"),
            Nb201Arch.parse("|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_1x1~0|avg_pool_3x3~1|skip_connect~2|"));

    @Test
    void twoExecutorsScoreLikeThisProcessAndAKilledExecutorLosesNothing(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("killed-once");
        String killedOnce = ARCHS.get(1).encoding(); // its first executor dies mid-task
        String alwaysDies = ARCHS.get(3).encoding(); // every executor that takes it dies
        try (RegressionProxy proxy = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optProtocol(Protocol.FAST).optSeed(111).build();
                ScoreCache cache = ScoreCache.open(dir.resolve("scores.sqlite"))) {
            Table here = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optWorkers(1).build().run(ARCHS);

            Table onSpark;
            try (SparkBackend spark = SparkBackend.builder().setProxy(proxy).setMaster("local-cluster[2,1,1024]")
                    .optConf("spark.task.maxFailures", "2")
                    .optConf("spark.executorEnv." + ExecutorScorer.HALT_ONCE_ENV, killedOnce + "|" + marker)
                    .optConf("spark.executorEnv." + ExecutorScorer.HALT_ALWAYS_ENV, alwaysDies).build()) {
                onSpark = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent())
                        .optCache(cache).optBackend(spark).build().run(ARCHS);
            }

            assertTrue(Files.exists(marker), "the fault injection killed an executor");
            assertEquals(ARCHS.size(), onSpark.rowCount(), "every architecture has a row, the failed one included");
            for (int i = 0; i < ARCHS.size(); i++) {
                assertEquals(ARCHS.get(i).encoding(), onSpark.stringColumn("arch").get(i), "input order");
                String error = onSpark.stringColumn("error").get(i);
                if (ARCHS.get(i).encoding().equals(alwaysDies)) {
                    assertTrue(onSpark.doubleColumn("score").isMissing(i), "the always-dying architecture has no score");
                    assertTrue(error.contains("Spark task failed 2 times"), error);
                    continue;
                }
                assertEquals("", error, "arch " + i + " failed on Spark");
                double a = here.doubleColumn("score").get(i);
                double b = onSpark.doubleColumn("score").get(i);
                assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(b),
                        "arch " + i + ": " + a + " in this process, " + b + " on a Spark executor (must be bit-identical)");
            }
            // streamed into the driver's cache as they finished: the killed-once one too
            ScoringRunner replay = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optCache(cache).build();
            for (Nb201Arch a : ARCHS) {
                if (!a.encoding().equals(alwaysDies)) {
                    ProxyScore cached = cache.get(replay.key(a)).orElseThrow();
                    assertFalse(Double.isNaN(cached.value()));
                }
            }
        }
    }
}
