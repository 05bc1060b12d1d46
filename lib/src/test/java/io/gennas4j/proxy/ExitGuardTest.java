package io.gennas4j.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM exit waits for the architecture being scored (issue 12 §6): a child JVM scores on a
 * daemon thread and calls {@code System.exit} while a score is in flight. Without the guard the
 * exit runs at once (and, inside a backward pass, crashes the JVM in about one run in three);
 * with it the score in flight completes first and the JVM exits cleanly.
 */
class ExitGuardTest {

    @TempDir
    Path dir;

    @Test
    void anExitWaitsForTheScoreInFlightAndStopsTheNext() throws Exception {
        Path out = dir.resolve("child.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                Child.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not exit");
        List<String> lines = Files.readAllLines(out);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        int exiting = lines.indexOf("exiting");
        assertTrue(exiting >= 0, String.join("\n", lines));
        // the architecture in flight when exit was called completed after it, and no other started
        List<String> after = lines.subList(exiting + 1, lines.size());
        assertEquals(1, after.stream().filter(l -> l.startsWith("scored ")).count(), String.join("\n", lines));
        assertTrue(after.stream().anyMatch(l -> l.contains("waiting up to")), String.join("\n", lines));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "a crash log was written");
        }
    }

    @Test
    void theHookWaitsBoundedForAnOpenSectionAndNotAtAllWithoutOne() throws Exception {
        assertEquals(0, ExitGuard.openSections());
        try (ExitGuard.Section s = ExitGuard.enter(); ExitGuard.Section nested = ExitGuard.enter()) {
            assertEquals(2, ExitGuard.openSections()); // reentrant: a score may call a public compute
            long t0 = System.nanoTime();
            boolean[] done = new boolean[1];
            Thread exit = new Thread(() -> done[0] = ExitGuard.awaitScores(0.3));
            exit.start();
            exit.join();
            assertFalse(done[0], "a section was open: the hook must give up after its bound");
            assertTrue((System.nanoTime() - t0) / 1e9 >= 0.25, "it waited the bound");
        }
        assertEquals(0, ExitGuard.openSections());
        try {
            assertTrue(ExitGuard.awaitScores(5));
        } finally {
            ExitGuard.reopen();
        }
        try (ExitGuard.Section s = ExitGuard.enter()) {
            assertEquals(1, ExitGuard.openSections()); // reopened: scoring goes on
        }
    }

    /** The child JVM: scores in a loop on a daemon thread, exits while a score is in flight. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Cifar10Images images = SyntheticCifar.images(Path.of(args[0]), 40);
            var arch = io.gennas4j.space.nb201.Nb201Arch.parse(
                    "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
            RegressionProxy proxy = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101")).optImages(images)
                    .optNetworkSize(new NetworkSize(8, 1)).optIterations(100).optSeed(7).build();
            proxy.score(arch); // warm up: the engine is loaded before the timed part
            Thread t = new Thread(() -> {
                while (true) {
                    try (ExitGuard.Section s = ExitGuard.enter()) { // as the runner holds it until the score is stored
                        System.out.println("scored " + proxy.score(arch).value());
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            while (ExitGuard.openSections() == 0) {
                Thread.onSpinWait();
            }
            Thread.sleep(50); // well inside the score (about a second at this size)
            System.out.println("exiting");
            System.exit(0);
        }
    }
}
