package io.gennas4j.space.nbnlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.NbNlpTable;
import io.gennas4j.space.SearchSpaces;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NlpSpaceTest {

    @Test
    void theSpaceParsesCanonicallyAndIsRegistered() {
        NlpArch a = NlpArch.parse(NlpRecipeTest.LSTM);
        assertSame(NlpSpace.INSTANCE, SearchSpaces.byName("nbnlp"));
        NlpArch again = NlpSpace.INSTANCE.parse(a.encoding());
        assertEquals(a, again);
        assertEquals(a.encoding(), again.encoding());
        assertEquals("nbnlp", a.space().name());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> a.network(NlpSpace.INSTANCE.defaultProxySize()));
        assertTrue(e.getMessage().contains("NlpArch.model"), e.getMessage());
    }

    @Test
    void theLstmsStructuralFeaturesAreCountedByHand() {
        // ops in enum order: linear 4, blend 0, prod 3, sum 1, tanh 3, sigm 2, leaky 0; 13 nodes; k = 2;
        // x read 4 times; h_prev_0 four times and h_prev_1 once
        assertArrayEquals(new double[] {4, 0, 3, 1, 3, 2, 0, 13, 2, 4, 5}, NlpSpace.features(NlpRecipe.parse(NlpRecipeTest.LSTM)));
    }

    @Test
    void theTableHas263DistinctCellsWithDuplicateRunsAveraged() {
        NbNlpTable t = NbNlpTable.load();
        assertEquals(313, t.labelled().size());
        List<NlpArch> cells = t.cells();
        assertEquals(263, cells.size());
        assertEquals(263, new HashSet<>(cells).size());
        int runs = 0;
        for (NlpArch c : cells) {
            runs += t.runs(c);
        }
        assertEquals(313, runs);
        // recepie_ids 1001441, 1003441, 1005441 are one cell trained three times
        NbNlpTable.Row row = t.labelled().stream().filter(r -> r.id().equals("1003441")).findFirst().orElseThrow();
        NlpArch cell = new NlpArch(row.recipe());
        assertEquals(3, t.runs(cell));
        assertEquals((6.6485 + 6.673168 + 6.655145) / 3, t.logPerplexity(cell), 1e-9);
        assertEquals(-t.logPerplexity(cell), t.accuracies().accuracy(cell, NbNlpTable.TARGET), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.logPerplexity(NlpArch.parse("{\"h_new_0\":{\"op\":\"linear\",\"input\":[\"x\",\"x\",\"h_prev_0\"]}}")));
        assertTrue(e.getMessage().contains("no PTB result"), e.getMessage());
        assertEquals(List.copyOf(t.sample(20, 3)), t.sample(20, 3));
        assertEquals(263, t.sample(1000, 3).size());
    }

    @Test
    void samplingAndMutationStayInThePool() {
        NlpSpace space = NbNlpTable.load().space();
        assertEquals(263, space.pool().size());
        Set<NlpArch> pool = new HashSet<>(space.pool());
        Random rng = new Random(5);
        Set<NlpArch> children = new HashSet<>();
        NlpArch parent = space.sample(rng);
        for (int i = 0; i < 200; i++) {
            NlpArch child = space.mutate(parent, rng);
            assertTrue(pool.contains(child));
            assertNotEquals(parent, child, "a mutation moves to another cell");
            children.add(child);
            parent = child;
        }
        assertTrue(children.size() > 50, "the walk visits many cells: " + children.size());
        // seeded: the same walk twice
        Random a = new Random(9);
        Random b = new Random(9);
        NlpArch pa = space.sample(a);
        NlpArch pb = space.sample(b);
        for (int i = 0; i < 20; i++) {
            pa = space.mutate(pa, a);
            pb = space.mutate(pb, b);
            assertEquals(pa, pb);
        }
    }

    @Test
    void aSpaceWithoutAPoolSaysWhatToUse() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NlpSpace.INSTANCE.sample(new Random(1)));
        assertTrue(e.getMessage().contains("NbNlpTable.load().space()"), e.getMessage());
        NlpSpace small = NlpSpace.over(NbNlpTable.load().cells().subList(0, 5));
        NlpArch outside = NbNlpTable.load().cells().get(10);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> small.mutate(outside, new Random(1)));
        assertTrue(x.getMessage().contains("not in this space's pool"), x.getMessage());
    }
}
