package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.BasisConfig;
import io.gennas4j.task.NoiseConfig;
import io.gennas4j.task.NoiseType;
import io.gennas4j.task.SignalBases;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskGenomesTest {

    static final TaskGenomes G = TaskGenomes.INSTANCE;

    @Test
    void randomTasksFollowTheGeneratorsDistributions() {
        Random rng = new Random(1);
        int n = 4000;
        int present = 0;
        int slots = 0;
        int uniform = 0;
        int local = 0;
        int waves = 0;
        Set<Double> levels = new HashSet<>();
        Set<Double> noiseLevels = new HashSet<>();
        int[] multipliers = new int[TaskGenomes.CHANNEL_MULTIPLIERS.size()];
        for (int i = 0; i < n; i++) {
            TaskConfig t = G.random(rng);
            assertEquals(16, t.batchSize());
            uniform += t.noise().type() == NoiseType.UNIFORM ? 1 : 0;
            noiseLevels.add(t.noise().level());
            for (double m : t.lastChannelMultipliers()) {
                multipliers[TaskGenomes.CHANNEL_MULTIPLIERS.indexOf(m)]++;
            }
            for (Map<String, BasisConfig> stage : t.features()) {
                slots += SignalBases.keys().size();
                present += stage.size();
                for (var e : stage.entrySet()) {
                    BasisConfig b = e.getValue();
                    levels.add(b.level());
                    assertTrue(b.level() >= 0.5 && b.level() < 3.0);
                    if (e.getKey().startsWith("sin")) {
                        waves++;
                        local += b.isLocal() ? 1 : 0;
                        assertEquals(10, b.range().length);
                        for (double beta : b.range()) {
                            assertTrue(beta >= 0 && beta < 0.5, "beta " + beta);
                        }
                    }
                }
            }
        }
        assertEquals(0.5, present / (double) slots, 0.01, "each slot present with probability 0.5");
        assertEquals(0.5, uniform / (double) n, 0.025, "noise type uniform over two");
        assertEquals(0.5, local / (double) waves, 0.02, "local with probability 0.5");
        assertEquals(25, levels.size(), "levels 0.5, 0.6, ..., 2.9");
        assertEquals(10, noiseLevels.size(), "noise levels 0.0 .. 0.9");
        for (int c : multipliers) {
            assertEquals(1.0 / 6, c / (3.0 * n), 0.01, "channel multipliers uniform over six");
        }
    }

    /** A task with every slot present, so that any redraw of a wave or dot slot changes it. */
    static TaskConfig full(Random rng) {
        List<Map<String, BasisConfig>> features = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            Map<String, BasisConfig> stage = new LinkedHashMap<>();
            for (String key : SignalBases.keys()) {
                BasisConfig b = null;
                while (b == null) {
                    b = TaskGenomes.randomSlot(key, rng);
                }
                stage.put(key, b);
            }
            features.add(stage);
        }
        return new TaskConfig(16, new NoiseConfig(NoiseType.GAUSSIAN, 0.1 * 3) /* as the generator computes it */, new double[] {0.25, 0.5, 1.0}, features);
    }

    @Test
    void mutationRedrawsEachGeneAndSlotWithProbabilityOneInFive() {
        Random rng = new Random(2);
        TaskConfig parent = full(rng);
        int n = 20_000;
        int noiseChanged = 0;
        int multiplierChanged = 0;
        int sinChanged = 0;
        int sinRemoved = 0;
        int resizeChanged = 0;
        for (int i = 0; i < n; i++) {
            TaskConfig c = G.mutate(parent, rng);
            noiseChanged += c.noise().equals(parent.noise()) ? 0 : 1;
            multiplierChanged += c.lastChannelMultipliers()[0] == parent.lastChannelMultipliers()[0] ? 0 : 1;
            BasisConfig s = c.features().get(1).get("sin1d");
            sinChanged += parent.features().get(1).get("sin1d").equals(s) ? 0 : 1;
            sinRemoved += s == null ? 1 : 0;
            resizeChanged += parent.features().get(2).get("resize").equals(c.features().get(2).get("resize")) ? 0 : 1;
        }
        // redraw with p = 0.2; a redrawn noise repeats the old (type, level) with p = 1/20
        assertEquals(0.2 * 19 / 20, noiseChanged / (double) n, 0.008);
        // a redrawn multiplier repeats with p = 1/6
        assertEquals(0.2 * 5 / 6, multiplierChanged / (double) n, 0.008);
        // a redrawn wave slot is absent (p 0.5) or has fresh continuous frequencies: always a change
        assertEquals(0.2, sinChanged / (double) n, 0.008);
        assertEquals(0.1, sinRemoved / (double) n, 0.006);
        // a redrawn resize slot keeps its value only if present with the same level (p = 0.5 / 25)
        assertEquals(0.2 * (1 - 0.5 / 25), resizeChanged / (double) n, 0.008);
    }

    @Test
    void encodingIsOneLineOfJsonThatRoundTrips() {
        Random rng = new Random(3);
        for (int i = 0; i < 50; i++) {
            TaskConfig t = G.random(rng);
            String e = G.encode(t);
            assertTrue(!e.contains("\n") && e.startsWith("{\"batchsize\":16"), e);
            assertEquals(t, TaskConfig.fromJson(e));
            assertEquals(e, G.encode(TaskConfig.fromJson(e)));
        }
        assertEquals(G.encode(TaskConfig.byName("CONF_NB101")), G.encode(TaskConfig.fromJson(TaskConfig.byName("CONF_NB101").toJson())));
    }

    @Test
    void labelledSetIsDisjointFromTheHeldOutSample() {
        Nb201Table t = Nb201Table.load();
        List<Nb201Arch> held = t.gennasSample(0).subList(0, 1000);
        List<Nb201Arch> labelled = TaskSearch.disjointSample(held, 20, 0);
        assertEquals(20, labelled.size());
        assertEquals(20, labelled.stream().map(Nb201Arch::encoding).distinct().count());
        Set<String> h = new HashSet<>();
        held.forEach(a -> h.add(a.encoding()));
        labelled.forEach(a -> assertTrue(!h.contains(a.encoding()), a.encoding()));
        assertEquals(labelled, TaskSearch.disjointSample(held, 20, 0), "seeded");
    }

    @Test
    void taskFitnessIsAbsoluteSpearmanOnTheLabelledArchitecturesAndResumes(@TempDir Path dir) {
        Nb201Table t = Nb201Table.load();
        List<Nb201Arch> archs = t.gennasSample(1).subList(0, 6);
        Protocol tiny = new Protocol("tiny", 4, 1, 5, 8, 5);
        try (ScoreCache cache = ScoreCache.open(dir.resolve("t.sqlite"))) {
            TaskFitness f = TaskFitness.builder().setArchitectures(archs, t.accuracies(), "cifar10_test").optProtocol(tiny)
                    .optImages(SyntheticCifar.images(dir, 40)).optSeed(5).optCache(cache).build();
            TaskConfig task = TaskConfig.byName("CONF_NB101");
            Evaluation e = f.evaluate(List.of(task)).get(0);
            assertTrue(e.ok() && e.value() >= 0 && e.value() <= 1 && e.seconds() > 0, e.toString());
            assertEquals(6, cache.size(), "each architecture's score is cached");
            assertEquals(e.value(), f.evaluate(List.of(task)).get(0).value(), "a task's fitness is a function of the task");
            assertTrue(f.taskSeed(task) != f.taskSeed(TaskConfig.byName("CONF_COMBO")), "a fresh task instance per candidate");
            SearchHistory<TaskConfig> h = RegularizedEvolution.<TaskConfig>builder().setGenomes(G)
                    .setFitness(new CachedFitness<>(f, G, cache)).optPopulation(3).optTournament(2).optCycles(2).optSeed(1)
                    .optListener(SearchListener.silent()).build().run();
            assertEquals(5, h.evaluations());
            assertEquals(h.table().doubleColumn("fitness").max(), h.best().fitness(), "higher |rho| is better");
            SearchHistory<TaskConfig> again = RegularizedEvolution.<TaskConfig>builder().setGenomes(G)
                    .setFitness(new CachedFitness<>(f, G, cache)).optPopulation(3).optTournament(2).optCycles(2).optSeed(1)
                    .optListener(SearchListener.silent()).build().run();
            assertEquals(h.table().removeColumns("source").printAll(), again.table().removeColumns("source").printAll());
            assertEquals(0, again.table().stringColumn("source").countOccurrences("scored"), "replayed from the task cache");
        }
        assertThrows(IllegalArgumentException.class, () -> TaskFitness.builder().setArchitectures(archs.subList(0, 2), t.accuracies(), "cifar10_test").build());
        assertThrows(IllegalArgumentException.class, () -> TaskFitness.builder().setArchitectures(archs, t.accuracies(), "cifar10").build());
    }
}
