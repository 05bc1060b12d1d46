package io.gennas4j.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The backend seam the Spark module plugs into: {@link ScoringBackend#open} finds providers through
 * {@code ServiceLoader} (a fake one registered in this module's test resources), {@code GENNAS4J_SPARK}
 * / {@code -Dgennas4j.spark} sends every runner's uncached architectures there, and the runner keeps
 * its cache and order around the backend.
 */
class ScoringBackendTest {

    /** Scores in this process, in reverse order (a cluster finishes in any order), recording what it was sent. */
    static final class FakeBackend implements ScoringBackend {
        static final List<String> SENT = new ArrayList<>();
        static int closed;
        final Proxy proxy;

        FakeBackend(Proxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public Map<String, String> settings() {
            return proxy.settings();
        }

        @Override
        public void score(List<? extends Architecture> archs, BiConsumer<Integer, ProxyScore> onResult) {
            for (int i = archs.size() - 1; i >= 0; i--) {
                SENT.add(archs.get(i).encoding());
                onResult.accept(i, proxy.score(archs.get(i)));
            }
        }

        @Override
        public void close() {
            closed++;
        }
    }

    public static final class FakeFactory implements ScoringBackend.Factory {
        @Override
        public boolean accepts(String master) {
            return master.startsWith("fake://");
        }

        @Override
        public ScoringBackend open(String master, Proxy proxy) {
            return new FakeBackend(proxy);
        }
    }

    @Test
    void anUnknownMasterNamesTheSparkModule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoringBackend.open("spark://nowhere:7077", new ScoringRunnerTest.FakeProxy("a")));
        assertTrue(e.getMessage().contains("gennas4j-spark") && e.getMessage().contains("spark/target/jars"), e.getMessage());
    }

    @Test
    void theMasterPropertySendsUncachedArchitecturesToTheBackendAndKeepsTheCacheAndOrder(@TempDir Path dir) {
        ScoringRunnerTest.FakeProxy proxy = new ScoringRunnerTest.FakeProxy("a");
        List<Nb201Arch> archs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            archs.add(Nb201Arch.fromCode(10 + i));
        }
        String before = System.getProperty("gennas4j.spark");
        FakeBackend.SENT.clear();
        int closedBefore = FakeBackend.closed;
        try (ScoreCache cache = ScoreCache.open(dir.resolve("c.sqlite"))) {
            // two already cached: only the other three travel
            ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optCache(cache).optWorkers(1).build()
                    .run(archs.subList(0, 2));
            System.setProperty("gennas4j.spark", "fake://cluster");
            assertEquals("fake://cluster", ScoringBackend.environmentMaster());
            Table t = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optCache(cache).build().run(archs);
            assertEquals(List.of(archs.get(4).encoding(), archs.get(3).encoding(), archs.get(2).encoding()), FakeBackend.SENT);
            assertEquals(closedBefore + 1, FakeBackend.closed, "the runner closes a backend it opened");
            for (int i = 0; i < archs.size(); i++) {
                assertEquals(archs.get(i).encoding(), t.stringColumn("arch").get(i), "input order");
                assertEquals((10 + i) * 0.5, t.doubleColumn("score").get(i), 0);
                assertEquals(i < 2 ? "cache" : "scored", t.stringColumn("source").get(i));
            }
            // and the backend's scores went into the driver's cache
            FakeBackend.SENT.clear();
            ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.silent()).optCache(cache).build().run(archs);
            assertEquals(List.of(), FakeBackend.SENT, "a re-run is all cache");
        } finally {
            if (before == null) {
                System.clearProperty("gennas4j.spark");
            } else {
                System.setProperty("gennas4j.spark", before);
            }
        }
    }
}
