package io.gennas4j.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class FrontierTest {

    private static final Protocol A = new Protocol("a", 16, 5, 100, 16, 10);
    private static final Protocol B = new Protocol("b", 16, 1, 100, 16, 100);
    private static final Protocol C = new Protocol("c", 16, 1, 20, 16, 20);

    private static Frontier.Run run(Protocol p, long seed, double rho, double seconds) {
        return new Frontier.Run(p, seed, new Correlation("t", 200, -rho, -rho * 0.8), seconds, 0);
    }

    private static Frontier.Result synthetic() {
        List<Frontier.Run> runs = new ArrayList<>();
        runs.add(run(A, 1, 0.80, 7.0));
        runs.add(run(A, 2, 0.84, 6.0));
        runs.add(run(B, 1, 0.79, 1.4));
        runs.add(run(B, 2, 0.81, 1.2));
        runs.add(run(C, 1, 0.70, 0.3));
        runs.add(run(C, 2, 0.74, 0.3));
        return new Frontier.Result(runs, "cifar10_test", 200);
    }

    @Test
    void pointsAverageSeedsAndTheCheapestWithinToleranceIsPicked() {
        Frontier.Result r = synthetic();
        Frontier.Point a = r.point(A);
        assertEquals(0.82, a.meanRho(), 1e-12);
        assertEquals(Math.sqrt(0.0008), a.stdRho(), 1e-12);
        assertEquals(0.656, a.meanTau(), 1e-12);
        assertEquals(6.5, a.secondsPerArch(), 1e-12);
        assertSame(B, r.cheapestWithin(A, 0.02)); // 0.80 >= 0.82 - 0.02
        assertSame(A, r.cheapestWithin(A, 0.01)); // nothing cheaper is close enough
        assertSame(C, r.cheapestWithin(A, 0.2));
    }

    @Test
    void tableIsSortedByCostAndMarksTheReference() {
        Table t = synthetic().table(A, 0.02);
        assertEquals(List.of("c", "b", "a"), t.stringColumn("protocol").asList());
        assertEquals(-0.02, t.doubleColumn("rho_minus_a").get(1), 1e-9);
        assertEquals(0.2, t.doubleColumn("cost_vs_a").get(1), 1e-9);
        assertEquals("cheapest within 0.02", t.stringColumn("note").get(1));
        assertEquals("reference", t.stringColumn("note").get(2));
        assertEquals(false, t.booleanColumn("within_0.02").get(0));
        assertEquals(6, synthetic().runsTable().rowCount());
    }

    /** Ground truth for the test: accuracy falls with the cell's code. */
    private static final Accuracies TRUTH = new Accuracies() {
        @Override
        public String space() {
            return "nb201";
        }

        @Override
        public List<String> targets() {
            return List.of("acc");
        }

        @Override
        public double accuracy(Architecture arch, String target) {
            return -((Nb201Arch) arch).code();
        }
    };

    @Test
    void runsEveryProtocolWithEverySeedAndReusesTheCache(@TempDir Path dir) {
        List<Nb201Arch> archs = new ArrayList<>();
        for (int code : new int[] {0, 3130, 7811, 15624}) {
            archs.add(Nb201Arch.fromCode(code));
        }
        List<Protocol> protocols = List.of(Protocol.parse("C4 n1 it2 b4 e2"), Protocol.parse("C4 n1 it3 b4 e1"));
        Frontier.Result first;
        Frontier.Result second;
        try (ScoreCache cache = ScoreCache.open(dir.resolve("c.sqlite"))) {
            Frontier.Builder b = Frontier.builder().setArchitectures(archs).setAccuracies(TRUTH).setProtocols(protocols)
                    .setSeeds(1, 2).optCache(cache).optImages(SyntheticCifar.images(dir, 20));
            long t0 = System.nanoTime();
            first = b.build().run();
            System.out.println("first frontier run " + (System.nanoTime() - t0) / 1e9 + " s");
            assertEquals(16, cache.size()); // 2 protocols x 2 seeds x 4 cells
            second = b.build().run();
            assertEquals(16, cache.size()); // 2 protocols x 2 seeds x 4 cells
        }
        assertEquals(4, first.runs().size());
        assertEquals(2, first.points().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(first.runs().get(i).correlation(), second.runs().get(i).correlation());
            assertEquals(4, first.runs().get(i).correlation().n());
            assertEquals(0, first.runs().get(i).failed());
        }
        assertTrue(first.points().get(0).meanRho() >= 0 && first.points().get(0).meanRho() <= 1);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Frontier.builder().setProtocols(List.of(A, A.named("a"))));
        assertThrows(IllegalArgumentException.class, () -> Frontier.builder().setSeeds());
        assertThrows(IllegalStateException.class, () -> Frontier.builder().setSeeds(1).build());
        List<Nb201Arch> three = List.of(Nb201Arch.fromCode(1), Nb201Arch.fromCode(2), Nb201Arch.fromCode(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frontier.builder().setArchitectures(three)
                .setAccuracies(TRUTH).setProtocols(List.of(A)).setSeeds(1).optTarget("cifar10_test").build());
        assertTrue(e.getMessage().contains("cifar10_test"), e.getMessage());
    }
}
