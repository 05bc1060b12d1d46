package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.InitScheme;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.eproxy.TargetMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpsTest {

    static final EproxyGenomes G = EproxyGenomes.INSTANCE;

    @Test
    void randomGenomesFollowTheReferenceGenerator() {
        Random rng = new Random(1);
        int n = 6000;
        int bits = 0;
        int[] branches = new int[4];
        int[] kernels = new int[8];
        int lrAtOne = 0;
        for (int i = 0; i < n; i++) {
            EproxyConfig g = G.random(rng);
            branches[g.branches()]++;
            lrAtOne += g.learningRate() == 1.0 ? 1 : 0;
            assertEquals(EproxyConfig.MacMode.LOSS_MACS, g.macMode());
            assertTrue(g.initNet() != InitScheme.PYTORCH_DEFAULT && g.initBarrier() != InitScheme.PYTORCH_DEFAULT);
            for (EproxyConfig.Branch b : g.slots()) {
                bits += b.features().size();
                kernels[b.headKernel()]++;
            }
        }
        assertEquals(0.2, bits / (15.0 * n), 0.01, "each feature bit is set with probability 0.2");
        for (int b = 1; b <= 3; b++) {
            assertEquals(1 / 3.0, branches[b] / (double) n, 0.025);
        }
        for (int k : EproxyConfig.KERNELS) {
            assertEquals(1 / 3.0, kernels[k] / (3.0 * n), 0.02);
        }
        assertEquals(1 / 11.0, lrAtOne / (double) n, 0.015, "lr uniform over 0.5, 0.6, ..., 1.5");
    }

    @Test
    void mutationRedrawsEachGeneWithProbabilityPointTwoAndFlipsFeatureBits() {
        Random rng = new Random(2);
        int n = 8000;
        int lrChanged = 0;
        int alphaChanged = 0;
        int flips = 0;
        int outChanged = 0;
        int branchesChanged = 0;
        for (int i = 0; i < n; i++) {
            EproxyConfig p = G.random(rng);
            EproxyConfig c = G.mutate(p, rng);
            lrChanged += p.learningRate() != c.learningRate() ? 1 : 0;
            alphaChanged += p.alpha() != c.alpha() ? 1 : 0;
            branchesChanged += p.branches() != c.branches() ? 1 : 0;
            for (int s = 0; s < 3; s++) {
                EnumSet<TargetMap> a = EnumSet.noneOf(TargetMap.class);
                a.addAll(p.slots().get(s).features());
                EnumSet<TargetMap> b = EnumSet.noneOf(TargetMap.class);
                b.addAll(c.slots().get(s).features());
                for (TargetMap m : TargetMap.values()) {
                    flips += a.contains(m) != b.contains(m) ? 1 : 0;
                }
                outChanged += p.slots().get(s).outChannels() != c.slots().get(s).outChannels() ? 1 : 0;
            }
            assertEquals(c, EproxyConfig.fromJson(G.encode(c)), "the encoding is the genome");
        }
        // a redrawn gene keeps its value with probability 1/|values|
        assertEquals(0.2 * 10 / 11, lrChanged / (double) n, 0.012);
        assertEquals(0.2 * 10 / 11, alphaChanged / (double) n, 0.012);
        assertEquals(0.2 * 2 / 3, branchesChanged / (double) n, 0.012);
        assertEquals(0.2 * 5 / 6, outChanged / (3.0 * n), 0.008);
        assertEquals(0.2, flips / (15.0 * n), 0.006);
    }

    /** DPS genomes through the engine and the fitness cache: a killed search resumes to the same history. */
    @Test
    void aKilledDpsSearchReRunFromItsCacheGivesTheUninterruptedHistory(@TempDir Path dir) {
        class Synthetic implements Fitness<EproxyConfig> {
            int calls;
            int killAfter = Integer.MAX_VALUE;

            @Override
            public String name() {
                return "synthetic";
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("fitness", "synthetic-dps");
            }

            @Override
            public List<Evaluation> evaluate(List<EproxyConfig> genomes) {
                List<Evaluation> out = new ArrayList<>();
                for (EproxyConfig g : genomes) {
                    if (++calls > killAfter) {
                        throw new SearchInterruptedException("killed");
                    }
                    out.add(Evaluation.scored(-Math.abs(g.learningRate() - 1.0) - Math.abs(g.alpha() - 0.2), 0.01));
                }
                return out;
            }
        }
        SearchHistory<EproxyConfig> whole;
        SearchHistory<EproxyConfig> resumed;
        try (ScoreCache a = ScoreCache.open(dir.resolve("a.sqlite")); ScoreCache b = ScoreCache.open(dir.resolve("b.sqlite"))) {
            whole = evolution(new CachedFitness<>(new Synthetic(), G, a)).run();
            Synthetic killed = new Synthetic();
            killed.killAfter = 25;
            assertThrows(SearchInterruptedException.class, () -> evolution(new CachedFitness<>(killed, G, b)).run());
            Synthetic fresh = new Synthetic();
            resumed = evolution(new CachedFitness<>(fresh, G, b)).run();
            assertTrue(fresh.calls < 40, "the resumed run replays the first 25 from the cache: " + fresh.calls + " new");
        }
        assertEquals(whole.encodings(), resumed.encodings());
        assertEquals(1.0, whole.chosen().learningRate(), 0.31, "the search moves lr towards the optimum");
    }

    private static RegularizedEvolution<EproxyConfig> evolution(Fitness<EproxyConfig> f) {
        return RegularizedEvolution.<EproxyConfig>builder().setGenomes(G).setFitness(f).optPopulation(10).optTournament(3)
                .optCycles(40).optSeed(5).optListener(SearchListener.silent()).build();
    }

    /** The real fitness on a few NAS-Bench-201 cells: −ρ, cached, and −1 for a diverging candidate. */
    @Test
    void fitnessIsMinusSpearmanOnTheLabelledSetAndMinusOneWhenAnArchitectureDiverges(@TempDir Path dir) {
        var table = Nb201Table.load();
        var archs = table.gennasSample(0).subList(0, 5);
        var small = new EproxyConfig.Branch(EnumSet.of(TargetMap.NET), 1, 1, 16, 16, 1.0);
        EproxyConfig ok = new EproxyConfig(1.0, 0.1, EproxyConfig.MacMode.LOSS_MACS, 1, InitScheme.XAVIER_UNIFORM,
                InitScheme.KAIMING_NORMAL, List.of(small, small, small));
        EproxyConfig diverging = ok.withLearningRate(1e8);
        try (ScoreCache cache = ScoreCache.open(dir.resolve("c.sqlite"))) {
            EproxyFitness f = EproxyFitness.builder().setArchitectures(archs, table.accuracies(), "cifar10_test")
                    .optNetworkSize(new NetworkSize(4, 1)).optCache(cache).build();
            List<Evaluation> e = new CachedFitness<>(f, G, cache).evaluate(List.of(ok, diverging));
            double[] scores = new double[5];
            double[] acc = new double[5];
            try (var p = f.proxy(ok)) {
                for (int i = 0; i < 5; i++) {
                    scores[i] = p.score(archs.get(i)).value();
                    acc[i] = table.accuracies().accuracy(archs.get(i), "cifar10_test");
                }
            }
            assertEquals(-io.gennas4j.ranking.RankCorrelation.spearman(scores, acc), e.get(0).value(), 1e-12);
            assertEquals(EproxyFitness.UNDEFINED, e.get(1).value());
            List<Evaluation> again = new CachedFitness<>(f, G, cache).evaluate(List.of(ok));
            assertEquals(e.get(0).value(), again.get(0).value());
            assertEquals("cache", again.get(0).source());
        }
    }
}
