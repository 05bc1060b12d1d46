package io.gennas4j.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ScoringRunnerTest {

    /** Scores = code of the cell / 2; fails on code 2; counts calls. */
    static final class FakeProxy implements Proxy {
        final List<String> calls = new ArrayList<>();
        final String setting;

        FakeProxy(String setting) {
            this.setting = setting;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ProxyScore score(Architecture arch) {
            calls.add(arch.encoding());
            int code = ((Nb201Arch) arch).code();
            if (code == 2) {
                return ProxyScore.failed(arch.encoding(), 0.5, new IllegalStateException("boom"));
            }
            return new ProxyScore(arch.encoding(), code * 0.5, 0.25, new double[] {code, code * 0.5}, null);
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("k", setting);
        }
    }

    static List<Nb201Arch> archs(int n) {
        List<Nb201Arch> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(Nb201Arch.fromCode(i));
        }
        return l;
    }

    static ScoringRunner.Builder runner(Proxy p) {
        return ScoringRunner.builder().setProxy(p).optProgress(ProgressListener.silent());
    }

    @Test
    void collectsScoresAndIsolatesFailures() {
        Table t = runner(new FakeProxy("a")).build().run(archs(4));
        assertEquals(4, t.rowCount());
        assertEquals(1.5, t.doubleColumn("score").get(3));
        assertTrue(t.doubleColumn("score").isMissing(2));
        assertTrue(t.stringColumn("error").get(2).contains("boom"));
        assertEquals(0.25, t.doubleColumn("seconds").get(0));
        assertEquals("scored", t.stringColumn("source").get(0));
    }

    @Test
    void interruptedRunKeepsWhatFinished() {
        FakeProxy p = new FakeProxy("a");
        ScoringRunner r = ScoringRunner.builder().setProxy(p).optProgress((done, total, s, e) -> {
            if (done == 3) {
                Thread.currentThread().interrupt();
            }
        }).build();
        Table t;
        try {
            t = r.run(archs(10));
        } finally {
            Thread.interrupted(); // clear the flag for other tests
        }
        assertEquals(3, t.rowCount());
        assertEquals(3, r.results().rowCount());
        assertEquals(3, p.calls.size());
    }

    @Test
    void cacheAnswersARerunAndResumesAnInterruptedOne(@TempDir Path dir) {
        try (ScoreCache cache = ScoreCache.open(dir.resolve("scores.sqlite"))) {
            FakeProxy first = new FakeProxy("a");
            ScoringRunner r1 = ScoringRunner.builder().setProxy(first).optCache(cache).optProgress((done, total, s, e) -> {
                if (done == 3) {
                    Thread.currentThread().interrupt(); // killed half-way
                }
            }).build();
            try {
                r1.run(archs(6));
            } finally {
                Thread.interrupted();
            }
            assertEquals(2, cache.size(), "two successes stored, the failure (code 2) is not cached");

            FakeProxy second = new FakeProxy("a");
            Table t = runner(second).optCache(cache).build().run(archs(6));
            assertEquals(List.of(2, 3, 4, 5), second.calls.stream().map(a -> Nb201Arch.parse(a).code()).toList(),
                    "resumes: only the failed and the unscored architectures are computed");
            assertEquals(6, t.rowCount());
            assertEquals("cache", t.stringColumn("source").get(0));
            assertEquals(0.5, t.doubleColumn("score").get(1));
            assertEquals("scored", t.stringColumn("source").get(5));

            FakeProxy third = new FakeProxy("a");
            Table again = runner(third).optCache(cache).build().run(archs(6));
            assertEquals(List.of(Nb201Arch.fromCode(2).encoding()), third.calls, "a re-run trains nothing it has");
            assertEquals(2.5, again.doubleColumn("score").get(5));

            FakeProxy other = new FakeProxy("b");
            runner(other).optCache(cache).build().run(archs(2));
            assertEquals(2, other.calls.size(), "other settings, other key");
        }
    }

    @Test
    void cacheKeepsTracesAndExportsATable(@TempDir Path dir) {
        try (ScoreCache cache = ScoreCache.open(dir.resolve("c.sqlite"))) {
            ScoringRunner r = runner(new FakeProxy("a")).optCache(cache).build();
            r.run(archs(2));
            ProxyScore s = cache.get(r.key(Nb201Arch.fromCode(1))).orElseThrow();
            assertEquals(0.5, s.value());
            assertEquals(2, s.trace().length);
            Table t = cache.table();
            assertEquals(2, t.rowCount());
            assertEquals("nb201", t.stringColumn("space").get(0));
            cache.exportCsv(dir.resolve("cache.csv"));
            assertEquals(2, Table.read().csv(dir.resolve("cache.csv").toFile()).rowCount());
        }
    }

    @Test
    void concurrentWritersShareOneCacheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.sqlite");
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            final int id = w;
            threads.add(new Thread(() -> {
                try (ScoreCache c = ScoreCache.open(file)) {
                    for (int i = 0; i < 40; i++) {
                        c.put(CacheKey.of("nb201", "arch" + id + "-" + i, "fake", Map.of("k", "v"), "dev"),
                                new ProxyScore("arch" + id + "-" + i, i, 0.1, new double[] {i}, null));
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        try (ScoreCache c = ScoreCache.open(file)) {
            assertEquals(120, c.size());
        }
    }
}
