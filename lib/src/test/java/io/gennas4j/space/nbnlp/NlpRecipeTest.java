package io.gennas4j.space.nbnlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.benchmark.NbNlpTable;
import io.gennas4j.space.InvalidArchitectureException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class NlpRecipeTest {

    /** recepie_id 1000001 of the shared file: an LSTM (h_new_0 = tanh(c)·o, h_new_1 = c). */
    public static final String LSTM = "{\"i\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"i_act\":{\"op\":\"activation_tanh\",\"input\":[\"i\"]},"
            + "\"j\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"j_act\":{\"op\":\"activation_sigm\",\"input\":[\"j\"]},"
            + "\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"f_act\":{\"op\":\"activation_sigm\",\"input\":[\"f\"]},"
            + "\"o\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"o_act\":{\"op\":\"activation_tanh\",\"input\":[\"o\"]},"
            + "\"h_new_1_part1\":{\"op\":\"elementwise_prod\",\"input\":[\"f_act\",\"h_prev_1\"]},"
            + "\"h_new_1_part2\":{\"op\":\"elementwise_prod\",\"input\":[\"i_act\",\"j_act\"]},"
            + "\"h_new_1\":{\"op\":\"elementwise_sum\",\"input\":[\"h_new_1_part1\",\"h_new_1_part2\"]},"
            + "\"h_new_1_act\":{\"op\":\"activation_tanh\",\"input\":[\"h_new_1\"]},"
            + "\"h_new_0\":{\"op\":\"elementwise_prod\",\"input\":[\"h_new_1_act\",\"o_act\"]}}";

    @Test
    void anLstmParsesInTopologicalOrder() {
        NlpRecipe r = NlpRecipe.parse(LSTM);
        assertEquals(2, r.hiddenTupleSize());
        assertEquals(13, r.nodes().size());
        assertEquals(Map.of(NlpOp.LINEAR, 4, NlpOp.ACTIVATION_TANH, 3, NlpOp.ACTIVATION_SIGM, 2, NlpOp.ELEMENTWISE_PROD, 3,
                NlpOp.ELEMENTWISE_SUM, 1), r.opCounts());
        Set<String> seen = new HashSet<>();
        for (NlpRecipe.Node n : r.topologicalOrder()) {
            for (String in : n.inputs()) {
                assertTrue(!r.nodes().containsKey(in) || seen.contains(in), n.name() + " before its input " + in);
            }
            seen.add(n.name());
        }
        assertEquals(13, seen.size());
    }

    @Test
    void keyOrderDoesNotMatterButInputOrderDoes() {
        String a = "{\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}";
        String b = "{\"h_new_0\":{\"input\":[\"f\"],\"op\":\"activation_tanh\"},\"f\":{\"input\":[\"x\",\"h_prev_0\"],\"op\":\"linear\"}}";
        String c = "{\"f\":{\"op\":\"linear\",\"input\":[\"h_prev_0\",\"x\"]},\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}";
        assertEquals(NlpRecipe.parse(a), NlpRecipe.parse(b));
        assertEquals(NlpRecipe.parse(a).canonical(), NlpRecipe.parse(b).canonical());
        assertTrue(!NlpRecipe.parse(a).equals(NlpRecipe.parse(c)));
        assertEquals("{\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]},\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}",
                NlpRecipe.parse(b).canonical());
    }

    static void assertRejected(String json, String part) {
        var e = assertThrows(InvalidArchitectureException.class, () -> NlpRecipe.parse(json));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void badRecipesSayWhatIsWrong() {
        assertRejected("[1, 2]", "JSON object");
        assertRejected("{\"h_new_0\":{\"op\":\"conv\",\"input\":[\"x\"]}}", "unknown op 'conv'");
        assertRejected("{\"h_new_0\":{\"op\":\"linear\",\"input\":[\"x\",\"y\"]}}", "unknown input 'y'");
        assertRejected("{\"a\":{\"op\":\"activation_tanh\",\"input\":[\"b\"]},\"b\":{\"op\":\"activation_tanh\",\"input\":[\"a\"]},"
                + "\"h_new_0\":{\"op\":\"linear\",\"input\":[\"x\",\"a\"]}}", "cycle: a -> b -> a");
        assertRejected("{\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]}}", "no h_new_0");
        assertRejected("{\"h_new_0\":{\"op\":\"blend\",\"input\":[\"x\",\"h_prev_0\"]}}", "blend takes exactly 3 inputs (gate, a, b)");
        assertRejected("{\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"x\",\"h_prev_0\"]}}", "takes exactly 1 input,");
        assertRejected("{\"h_new_0\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_1\"]}}", "only 1 hidden state");
        assertRejected("{\"h_new_0\":{\"op\":\"linear\",\"input\":[\"x\"]},\"h_new_2\":{\"op\":\"linear\",\"input\":[\"x\"]}}", "without gaps");
        assertRejected("{\"h_new_0\":{\"op\":\"linear\"}}", "needs \"op\" and an \"input\" list");
    }

    /** Uses the benchmark data the environment links into data/. */
    @Test
    void everySharedRecipeParses() {
        NbNlpTable t = NbNlpTable.load();
        assertEquals(345, t.rows().size());
        assertEquals(313, t.labelled().size());
        Set<NlpRecipe> distinct = new HashSet<>();
        t.rows().forEach(r -> distinct.add(r.recipe()));
        assertEquals(291, distinct.size(), "recipes trained under more than one id");
        Set<NlpRecipe> labelled = new HashSet<>();
        t.labelled().forEach(r -> labelled.add(r.recipe()));
        assertEquals(263, labelled.size());
        NbNlpTable.Row lstm = t.rows().stream().filter(r -> r.id().equals("1000001")).findFirst().orElseThrow();
        assertEquals(NlpRecipe.parse(LSTM), lstm.recipe());
        List<Integer> sizes = t.rows().stream().map(r -> r.recipe().hiddenTupleSize()).distinct().sorted().toList();
        assertEquals(List.of(1, 2, 3), sizes);
    }
}
