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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ScoringRunnerTest {

    /** Scores = code of the cell; fails on code 2; counts calls. */
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
            return new ProxyScore(arch.encoding(), code * 0.5, 0.25, new double[] {code}, null);
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

    @Test
    void collectsScoresAndIsolatesFailures() {
        FakeProxy p = new FakeProxy("a");
        Table t = ScoringRunner.builder().setProxy(p).optProgress(ProgressListener.silent()).build().run(archs(4));
        assertEquals(4, t.rowCount());
        assertEquals(1.5, t.doubleColumn("score").get(3));
        assertTrue(t.doubleColumn("score").isMissing(2));
        assertTrue(t.stringColumn("error").get(2).contains("boom"));
        assertEquals(0.25, t.doubleColumn("seconds").get(0));
    }

    @Test
    void interruptedRunKeepsWhatFinished() {
        FakeProxy p = new FakeProxy("a");
        ScoringRunner runner = ScoringRunner.builder().setProxy(p).optProgress((done, total, s, e) -> {
            if (done == 3) {
                Thread.currentThread().interrupt();
            }
        }).build();
        try {
            runner.run(archs(10));
        } finally {
            Thread.interrupted(); // clear the flag for other tests
        }
        assertEquals(3, runner.results().rowCount());
        assertEquals(3, p.calls.size());
    }

    @Test
    void checkpointResumesWithoutRescoring(@TempDir Path dir) {
        Path cp = dir.resolve("scores.csv");
        FakeProxy first = new FakeProxy("a");
        ScoringRunner.builder().setProxy(first).optProgress(ProgressListener.silent()).optCheckpoint(cp).build().run(archs(3));
        FakeProxy second = new FakeProxy("a");
        Table t = ScoringRunner.builder().setProxy(second).optProgress(ProgressListener.silent()).optCheckpoint(cp).build()
                .run(archs(5));
        assertEquals(List.of(Nb201Arch.fromCode(3).encoding(), Nb201Arch.fromCode(4).encoding()), second.calls);
        assertEquals(5, t.rowCount());
        assertEquals(0.5, t.doubleColumn("score").get(1));
        assertTrue(t.doubleColumn("score").isMissing(2));

        FakeProxy other = new FakeProxy("b");
        var e = assertThrows(IllegalStateException.class, () -> ScoringRunner.builder().setProxy(other)
                .optProgress(ProgressListener.silent()).optCheckpoint(cp).build().run(archs(2)));
        assertTrue(e.getMessage().contains("other proxy settings"), e.getMessage());
    }
}
