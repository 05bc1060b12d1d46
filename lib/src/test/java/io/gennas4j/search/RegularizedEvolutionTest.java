package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.running.ScoreCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RegularizedEvolutionTest {

    /** Bit strings of length 16 as ints; mutation flips each bit with probability 1/16. */
    static final GenomeSpace<Integer> BITS = new GenomeSpace<>() {
        @Override
        public String name() {
            return "bits16";
        }

        @Override
        public Integer random(Random rng) {
            return rng.nextInt(1 << 16);
        }

        @Override
        public Integer mutate(Integer parent, Random rng) {
            int child = parent;
            for (int b = 0; b < 16; b++) {
                if (rng.nextInt(16) == 0) {
                    child ^= 1 << b;
                }
            }
            return child;
        }

        @Override
        public String encode(Integer genome) {
            return String.format("%16s", Integer.toBinaryString(genome)).replace(' ', '0');
        }
    };

    /** OneMax (higher is better) or its negation (lower is better), with deterministic "seconds". */
    static Fitness<Integer> oneMax(boolean higherIsBetter) {
        return new Fitness<>() {
            @Override
            public String name() {
                return "onemax";
            }

            @Override
            public boolean higherIsBetter() {
                return higherIsBetter;
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("higher", String.valueOf(higherIsBetter));
            }

            @Override
            public List<Evaluation> evaluate(List<Integer> genomes) {
                List<Evaluation> out = new ArrayList<>();
                for (int g : genomes) {
                    int ones = Integer.bitCount(g);
                    out.add(Evaluation.scored(higherIsBetter ? ones : -ones, 0.01 * (g % 7)));
                }
                return out;
            }
        };
    }

    static RegularizedEvolution.Builder<Integer> rea(Fitness<Integer> f, long seed) {
        return RegularizedEvolution.<Integer>builder().setGenomes(BITS).setFitness(f).optPopulation(20).optTournament(5)
                .optCycles(400).optSeed(seed).optListener(SearchListener.silent());
    }

    @Test
    void findsTheOptimumOfOneMaxInBothDirections() {
        for (long seed = 1; seed <= 3; seed++) {
            SearchHistory<Integer> up = rea(oneMax(true), seed).build().run();
            assertEquals(420, up.evaluations());
            assertEquals(16.0, up.best().fitness(), "seed " + seed);
            assertEquals(0xFFFF, up.chosen());
            SearchHistory<Integer> down = rea(oneMax(false), seed).build().run();
            assertEquals(-16.0, down.best().fitness(), "seed " + seed);
        }
        // random search with the same 420 evaluations almost never sees 16 ones (p = 420 / 65536)
        SearchHistory<Integer> rs = RandomSearch.<Integer>builder().setGenomes(BITS).setFitness(oneMax(true))
                .optEvaluations(420).optSeed(1).optListener(SearchListener.silent()).build().run();
        assertTrue(rs.best().fitness() < 16 && rs.best().fitness() >= 12, "random search best " + rs.best().fitness());
    }

    @Test
    void bestSoFarIsMonotoneAndTheChosenIsTheBestEverSeen() {
        SearchHistory<Integer> h = rea(oneMax(false), 9).optCycles(60).build().run();
        Table t = h.table();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < t.rowCount(); r++) {
            best = Math.min(best, t.doubleColumn("fitness").get(r));
            assertEquals(best, t.doubleColumn("best_fitness").get(r));
            assertEquals(r + 1, t.intColumn("step").get(r));
            assertEquals(r < 20 ? "init" : "cycle", t.stringColumn("phase").get(r));
        }
        assertEquals(best, h.best().fitness());
        assertEquals(t.doubleColumn("fitness").min(), h.best().fitness());
        // the cost counts each distinct genome once: repeats are looked up
        double secs = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (seen.add(t.stringColumn("genome").get(r))) {
                secs += t.doubleColumn("seconds").get(r);
            }
        }
        assertTrue(seen.size() < t.rowCount(), "this run revisits genomes");
        assertEquals(seen.size(), h.distinct());
        assertEquals(secs, h.totalSeconds(), 1e-9);
    }

    @Test
    void agingRemovesTheOldestNotTheWorst() {
        // initial population g0 (fitness 100, the best), g1 (1), g2 (2); every child scores 0.
        // With S = P the parent is the best living member: g0 for the first cycle only, since
        // aging then removes it (the oldest) although it is the best; then g2 until it ages out.
        List<Integer> parents = new ArrayList<>();
        int[] next = {0};
        GenomeSpace<Integer> scripted = new GenomeSpace<>() {
            public String name() {
                return "scripted";
            }

            public Integer random(Random rng) {
                return next[0]++;
            }

            public Integer mutate(Integer parent, Random rng) {
                parents.add(parent);
                return 1000 + parents.size();
            }

            public String encode(Integer g) {
                return g.toString();
            }
        };
        Map<Integer, Double> values = new HashMap<>(Map.of(0, 100.0, 1, 1.0, 2, 2.0));
        Fitness<Integer> f = new Fitness<>() {
            public String name() {
                return "scripted";
            }

            public boolean higherIsBetter() {
                return true;
            }

            public Map<String, String> settings() {
                return Map.of();
            }

            public List<Evaluation> evaluate(List<Integer> gs) {
                return gs.stream().map(g -> Evaluation.scored(values.getOrDefault(g, 0.0), 0)).toList();
            }
        };
        SearchHistory<Integer> h = RegularizedEvolution.<Integer>builder().setGenomes(scripted).setFitness(f)
                .optPopulation(3).optTournament(3).optCycles(3).optListener(SearchListener.silent()).build().run();
        assertEquals(List.of(0, 2, 2), parents);
        assertEquals(0, h.chosen(), "the chosen genome is the best ever seen, dead or alive");
    }

    @Test
    void tournamentSamplesWithoutReplacementUniformly() {
        RegularizedEvolution<Integer> rea = rea(oneMax(true), 1).optPopulation(10).optTournament(2).build();
        Random rng = new Random(5);
        int[] wins = new int[10];
        int trials = 40_000;
        for (int i = 0; i < trials; i++) {
            List<RegularizedEvolution.Member<Integer>> members = new ArrayList<>();
            for (int m = 0; m < 10; m++) {
                members.add(new RegularizedEvolution.Member<>(m, m));
            }
            wins[rea.tournament(members, rng).genome()]++;
        }
        // member m wins when it is drawn and the other draw is lower: P = (m / 9) * (2 / 10)
        for (int m = 0; m < 10; m++) {
            double expected = 2.0 * m / 90.0;
            assertEquals(expected, wins[m] / (double) trials, 0.01, "member " + m);
        }
        assertEquals(0, wins[0], "member 0 never wins a tournament of two distinct members");
    }

    @Test
    void aKilledSearchReRunFromItsCacheGivesTheUninterruptedHistory(@TempDir Path dir) {
        SearchHistory<Integer> uninterrupted;
        try (ScoreCache c = ScoreCache.open(dir.resolve("a.sqlite"))) {
            uninterrupted = rea(oneMax(true), 4).optCycles(80).setFitness(new CachedFitness<>(oneMax(true), BITS, c)).build().run();
        }
        try (ScoreCache c = ScoreCache.open(dir.resolve("b.sqlite"))) {
            Fitness<Integer> dying = new Fitness<>() {
                int fresh;
                final Fitness<Integer> inner = oneMax(true);

                public String name() {
                    return inner.name();
                }

                public boolean higherIsBetter() {
                    return true;
                }

                public Map<String, String> settings() {
                    return inner.settings();
                }

                public List<Evaluation> evaluate(List<Integer> gs) {
                    if (++fresh > 47) {
                        throw new SearchInterruptedException("killed");
                    }
                    return inner.evaluate(gs);
                }
            };
            assertThrows(SearchInterruptedException.class,
                    () -> rea(oneMax(true), 4).optCycles(80).setFitness(new CachedFitness<>(dying, BITS, c)).build().run());
            assertTrue(c.size() >= 40 && c.size() < 100, "the killed run kept its evaluations: " + c.size());
            SearchHistory<Integer> resumed = rea(oneMax(true), 4).optCycles(80).setFitness(new CachedFitness<>(oneMax(true), BITS, c)).build().run();
            assertEquals(uninterrupted.encodings(), resumed.encodings());
            Table a = uninterrupted.table().removeColumns("source");
            Table b = resumed.table().removeColumns("source");
            assertEquals(a.printAll(), b.printAll());
            assertTrue(resumed.table().stringColumn("source").countOccurrences("cache") >= 40, "replayed from the cache");
        }
    }

    @Test
    void badBudgetsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rea(oneMax(true), 1).optTournament(30).build());
        assertTrue(e.getMessage().contains("tournament size must be in 1..20"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rea(oneMax(true), 1).optPopulation(0).build());
        assertTrue(e.getMessage().contains("population"), e.getMessage());
    }

    @Test
    void twoFidelityRescoresTheBestDistinctGenomesAndChoosesByTheSecondFitness() {
        SearchHistory<Integer> screen = rea(oneMax(true), 2).optCycles(60).build().run();
        List<Integer> top = TwoFidelity.top(screen, 5);
        assertEquals(5, top.size());
        assertEquals(5, top.stream().distinct().count(), "distinct genomes");
        assertEquals(screen.chosen(), top.get(0), "the screening search's choice is ranked first");
        for (int i = 1; i < top.size(); i++) {
            assertTrue(Integer.bitCount(top.get(i - 1)) >= Integer.bitCount(top.get(i)), "best first");
        }
        // second fidelity: the count of ones, lower is better, so the refinement picks the fewest ones
        Fitness<Integer> fewestOnes = new Fitness<>() {
            public String name() {
                return "ones";
            }

            public boolean higherIsBetter() {
                return false;
            }

            public Map<String, String> settings() {
                return Map.of();
            }

            public List<Evaluation> evaluate(List<Integer> gs) {
                return gs.stream().map(g -> Evaluation.scored(Integer.bitCount(g), 1)).toList();
            }
        };
        SearchHistory<Integer> refined = TwoFidelity.refine(screen, BITS, fewestOnes, 5, SearchListener.silent());
        assertEquals(5, refined.evaluations());
        assertEquals("refine", refined.steps().get(0).phase());
        int fewest = top.stream().mapToInt(Integer::bitCount).min().getAsInt();
        assertEquals(fewest, Integer.bitCount(refined.chosen()));
        assertThrows(IllegalArgumentException.class, () -> TwoFidelity.refine(screen, BITS, oneMax(false), 0, SearchListener.silent()));
    }
}
