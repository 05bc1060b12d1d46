package io.gennas4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.NbNlpTable;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.task.SequenceTaskConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NLP proxy-task search (spec §4, NLP variant) on the shared engine, at a tiny protocol. */
class SequenceTaskSearchTest {

    static SequenceTaskFitness fitness(List<NlpArch> cells, NbNlpTable t) {
        return SequenceTaskFitness.builder().setCells(cells, t.accuracies(), NbNlpTable.TARGET).optWorkers(1)
                .optProtocol("tiny", b -> b.optSizes(8, 12, 1).optIterations(4).optEvalInterval(2).optLearningRate(0.01)).build();
    }

    @Test
    void regularizedEvolutionSearchesNlpTasksReproducibly() {
        NbNlpTable t = NbNlpTable.load();
        List<NlpArch> cells = t.sample(4, 20);
        SearchHistory<SequenceTaskConfig> a;
        SearchHistory<SequenceTaskConfig> b;
        try (SequenceTaskFitness f = fitness(cells, t)) {
            a = RegularizedEvolution.<SequenceTaskConfig>builder().setGenomes(SequenceTaskGenomes.INSTANCE).setFitness(f)
                    .optPopulation(2).optTournament(1).optCycles(1).optSeed(3).build().run();
        }
        try (SequenceTaskFitness f = fitness(cells, t)) {
            b = RegularizedEvolution.<SequenceTaskConfig>builder().setGenomes(SequenceTaskGenomes.INSTANCE).setFitness(f)
                    .optPopulation(2).optTournament(1).optCycles(1).optSeed(3).build().run();
        }
        assertEquals(3, a.evaluations());
        for (SearchStep<SequenceTaskConfig> s : a.steps()) {
            assertTrue(s.fitness() >= 0 && s.fitness() <= 1, "fitness is |rho|: " + s.fitness());
        }
        assertEquals(a.encodings(), b.encodings(), "seeded: the same tasks");
        assertEquals(a.steps().stream().map(SearchStep::fitness).toList(), b.steps().stream().map(SearchStep::fitness).toList(),
                "and the same fitness values");
        assertEquals(SequenceTaskConfig.fromJson(a.encodings().get(0)), a.steps().get(0).genome(), "the encoding is the task's JSON");
        // the fitness is |Spearman| between the cells' losses under the candidate's own proxy and -log-ppl
        try (SequenceTaskFitness f = fitness(cells, t); var proxy = f.proxy(a.steps().get(0).genome())) {
            double[] loss = new double[cells.size()];
            double[] truth = new double[cells.size()];
            for (int i = 0; i < loss.length; i++) {
                loss[i] = proxy.score(cells.get(i)).value();
                truth[i] = -t.logPerplexity(cells.get(i));
            }
            assertEquals(Math.abs(io.gennas4j.ranking.RankCorrelation.spearman(loss, truth)), a.steps().get(0).fitness(), 1e-12);
        }
    }

    @Test
    void tooFewCellsOrAnUnknownTargetAreRefused() {
        NbNlpTable t = NbNlpTable.load();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceTaskFitness.builder().setCells(t.sample(2, 1), t.accuracies(), NbNlpTable.TARGET).build());
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SequenceTaskFitness.builder().setCells(t.sample(5, 1), t.accuracies(), "wt2").build());
        assertTrue(e.getMessage().contains("ptb_test"), e.getMessage());
    }
}
