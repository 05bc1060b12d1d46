package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb101.Nb101Arch;
import io.gennas4j.space.nb101.Nb101Space;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.space.nb201.Nb201Space;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class NasSearchTest {

    @Test
    void evolutionWithTheOracleFindsTheTopOfNb201AndBeatsRandomSearch() {
        try (NasSearch s = NasSearch.builder().setSpace("nb201").optListener(SearchListener.silent()).build()) {
            assertEquals(94.37, s.optimum().get("cifar10_test"), 0.01);
            List<NasSearchResult> rs = s.runAll(List.of(SearchMethod.REA_ORACLE, SearchMethod.RS_ORACLE), List.of(1L, 2L, 3L));
            Table summary = NasSearch.summary(rs);
            assertEquals(2, summary.rowCount());
            assertEquals(450, summary.intColumn("evaluations").get(0));
            double rea = summary.doubleColumn("cifar10_test mean").get(0);
            double random = summary.doubleColumn("cifar10_test mean").get(1);
            // 450 evaluations of the validation accuracy: the top 1 % of test accuracy is >= 93.8
            assertTrue(rea >= 93.8, "REA oracle chose " + rea);
            assertTrue(random > 92.5, "RS oracle chose " + random);
            for (NasSearchResult r : rs) {
                assertEquals(0.0, r.searchSeconds(), "the oracle costs nothing");
                double[] curve = r.curves().get("cifar10_test");
                assertEquals(450, curve.length);
                assertEquals(r.chosenAccuracy().get("cifar10_test"), curve[449]);
            }
            Table chosen = NasSearch.chosen(rs);
            assertEquals(6, chosen.rowCount());
        }
    }

    @Test
    void gennasSearchScoresThroughTheCacheAndReplays(@TempDir Path dir) {
        // a tiny GenNAS protocol on synthetic images: 8 evaluations
        RegressionProxy proxy = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101"))
                .optImages(SyntheticCifar.images(dir, 40)).optNetworkSize(new NetworkSize(4, 1)).optIterations(5)
                .optEvalInterval(5).optSeed(3).build();
        try (proxy; ScoreCache cache = ScoreCache.open(dir.resolve("s.sqlite"))) {
            SearchHistory<Nb201Arch> first = search(proxy, cache);
            assertEquals(8, first.evaluations());
            assertTrue(first.table().stringColumn("source").countOccurrences("scored") >= 1);
            for (SearchStep<Nb201Arch> st : first.steps()) {
                assertTrue(Double.isFinite(st.fitness()) && st.fitness() > 0 && st.seconds() > 0, st.toString());
            }
            assertEquals(first.table().doubleColumn("fitness").min(), first.best().fitness(), "lower loss is better");
            SearchHistory<Nb201Arch> again = search(proxy, cache);
            assertEquals(0, again.table().stringColumn("source").countOccurrences("scored"), "a re-run trains nothing");
            assertEquals(again.distinct(), again.table().stringColumn("source").countOccurrences("cache"));
            assertEquals(first.table().removeColumns("source").printAll(), again.table().removeColumns("source").printAll());
        }
    }

    private static SearchHistory<Nb201Arch> search(RegressionProxy proxy, ScoreCache cache) {
        try (ProxyFitness<Nb201Arch> f = ProxyFitness.builder().setProxy(proxy).optCache(cache).build()) {
            return RegularizedEvolution.<Nb201Arch>builder().setGenomes(ArchitectureGenomes.of(Nb201Space.INSTANCE))
                    .setFitness(f).optPopulation(4).optTournament(2).optCycles(4).optSeed(11)
                    .optListener(SearchListener.silent()).build().run();
        }
    }

    @Test
    void labelledPoolMutationStaysInThePoolAndFallsBackWhenItMust() {
        Nb101Table table = Nb101Table.load();
        LabelledPool<Nb101Arch> pool = new LabelledPool<>(Nb101Space.INSTANCE, table.archs(), Nb101Arch::hash, 200);
        Random rng = new Random(2);
        int different = 0;
        for (int i = 0; i < 200; i++) {
            Nb101Arch parent = pool.random(rng);
            Nb101Arch child = pool.mutate(parent, rng);
            assertTrue(pool.contains(child));
            table.accuracy(child); // labelled
            if (!child.hash().equals(parent.hash())) {
                different++;
            }
        }
        assertEquals(200, different, "the reference mutation never returns the parent, nor does the fallback here");
        // with a single try almost every mutation misses the 2,500-cell pool and falls back
        LabelledPool<Nb101Arch> strict = new LabelledPool<>(Nb101Space.INSTANCE, table.archs(), Nb101Arch::hash, 1);
        for (int i = 0; i < 100; i++) {
            strict.mutate(strict.random(rng), rng);
        }
        assertTrue(strict.fallbacks() > 50, "fallbacks " + strict.fallbacks());
        assertTrue(pool.fallbacks() < 200, "fallbacks " + pool.fallbacks());
        assertThrows(IllegalArgumentException.class, () -> new LabelledPool<>(Nb101Space.INSTANCE, List.of(), Nb101Arch::hash, 1));
    }

    @Test
    void nb101SearchStaysInTheLabelledPoolAndReportsPercent() {
        try (NasSearch s = NasSearch.builder().setSpace("nb101").optBudget(10, 3, 30).optListener(SearchListener.silent()).build()) {
            assertEquals("C16 n3 it100 b16 e100", Protocol.label(16, 3, 100, 16, 100));
            assertEquals(100, s.protocol().evalInterval(), "GenNAS's end-to-end search evaluates once, at iteration 100");
            assertEquals(3, s.protocol().cellsPerStage());
            double optimum = s.optimum().get("nb101");
            assertTrue(optimum > 90 && optimum < 100, "percent: " + optimum);
            NasSearchResult r = s.run(SearchMethod.REA_ORACLE, 1);
            assertEquals(40, r.evaluations());
            double chosen = r.chosenAccuracy().get("nb101");
            assertEquals(r.history().best().fitness(), chosen, 1e-9, "the oracle's fitness is the reported accuracy, in %");
            assertTrue(chosen > 90, "chosen " + chosen);
            assertEquals(s.refineProtocol(), s.protocol(), "nb101's default refinement is the search's own protocol");
        }
    }

    @Test
    void methodsByNameWithAClearError() {
        assertEquals(List.of(SearchMethod.values()), SearchMethod.parse("all"));
        assertEquals(List.of(SearchMethod.REA_GENNAS, SearchMethod.RS_ORACLE), SearchMethod.parse("rea-gennas, RS-oracle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchMethod.byName("evolution"));
        assertTrue(e.getMessage().contains("rea-gennas"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NasSearch.builder().setSpace("darts"));
        assertNotEquals(SearchMethod.REA_GENNAS.evolution(), SearchMethod.RS_GENNAS.evolution());
    }

    @Test
    void nb201OracleTargetIsValidationAccuracy() {
        Nb201Table t = Nb201Table.load();
        try (NasSearch s = NasSearch.builder().optTables(t, null).optBudget(5, 2, 5).optListener(SearchListener.silent()).build()) {
            NasSearchResult r = s.run(SearchMethod.REA_ORACLE, 7);
            Nb201Arch best = (Nb201Arch) r.chosen();
            assertEquals(t.accuracy(best, io.gennas4j.benchmark.Nb201Dataset.CIFAR10, false), r.history().best().fitness());
            assertEquals(10, r.history().evaluations());
        }
    }
}
