package io.gennas4j.space.transnas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.gennas4j.benchmark.TransNasTable;
import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpaces;
import io.gennas4j.space.StageNetwork;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransNasSpaceTest {

    @Test
    void countsAndTheUnlabelledMacroCode() {
        assertEquals(4_096, TransNasSpace.MICRO.labelled().size());
        assertEquals(3_255, TransNasSpace.MACRO.labelled().size());
        Map<Integer, Integer> byLength = new HashMap<>();
        for (TransNasArch a : TransNasSpace.MACRO.labelled()) {
            byLength.merge(a.skeleton().length(), 1, Integer::sum);
        }
        assertEquals(Map.of(4, 210, 5, 750, 6, 2_295), byLength, "A.4.1 (2,296 of length 6 less the unlabelled one)");
        assertEquals(TransNasSpace.MACRO_SIZE, TransNasSpace.MACRO.labelled().size() + 1);
        assertEquals(TransNasSpace.MICRO_BENCHMARK, TransNasSpace.of("micro", "benchmark"));
        assertEquals(TransNasSpace.MACRO, TransNasSpace.of("transnas-macro", "eproxy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransNasSpace.of("mikro", "eproxy")).getMessage().contains("'micro' or 'macro'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TransNasSpace.of("micro", "official")).getMessage().contains("'eproxy' or 'benchmark'"));
        assertFalse(TransNasSpace.MACRO.labelled().contains(TransNasSpace.MACRO.parse(TransNasSpace.UNLABELLED_MACRO)));
        assertEquals("64-41414-0_00_000", TransNasSpace.MICRO.labelled().get(0).encoding());
        assertEquals("64-41414-0_00_001", TransNasSpace.MICRO.labelled().get(1).encoding());
        assertEquals("64-41414-3_33_333", TransNasSpace.MICRO.labelled().get(4_095).encoding());
    }

    @Test
    void degenerateMicroCells() {
        long disconnected = TransNasSpace.MICRO.labelled().stream().filter(a -> !a.isInputConnected()).count();
        long zero = TransNasSpace.MICRO.labelled().stream().filter(TransNasArch::isAlwaysZero).count();
        assertEquals(169, disconnected, "A.4.2");
        assertEquals(87, zero, "A.4.2");
        assertTrue(TransNasSpace.MICRO.parse("64-41414-0_01_011").isAlwaysZero());
        assertFalse(TransNasSpace.MICRO.parse("64-41414-0_00_002").isAlwaysZero(), "a conv on a zero node has a trainable BN shift");
        assertFalse(TransNasSpace.MICRO.parse("64-41414-0_00_002").isInputConnected());
    }

    @Test
    void codesRoundTripAndMalformedCodesSayWhy() {
        for (String code : List.of("64-41414-1_02_333", "64-4111-basic", "64-222133-basic")) {
            TransNasSpace s = code.endsWith("basic") ? TransNasSpace.MACRO : TransNasSpace.MICRO;
            assertEquals(code, s.parse(code).encoding());
            assertEquals(s.parse(code), SearchSpaces.byName(s.name()).parse(code));
        }
        assertMessage(TransNasSpace.MICRO, "64-41414-1_02_33", "a_bc_def");
        assertMessage(TransNasSpace.MICRO, "64-41414-1_02_334", "not 0 (zero)");
        assertMessage(TransNasSpace.MICRO, "64-4111-basic", "use space transnas-macro");
        assertMessage(TransNasSpace.MICRO, "64-41414-basic", "is a macro code");
        assertMessage(TransNasSpace.MACRO, "64-41414-1_02_333", "use space transnas-micro");
        assertMessage(TransNasSpace.MACRO, "32-4111-basic", "base width is 64");
        assertMessage(TransNasSpace.MACRO, "64-111-basic", "4 to 6 modules");
        assertMessage(TransNasSpace.MACRO, "64-1111-basic", "1 to 4 down-samplings");
        assertMessage(TransNasSpace.MACRO, "64-3333-basic", "1 to 3 channel doublings");
        assertMessage(TransNasSpace.MACRO, "64-4444-basic", "1 to 3 channel doublings");
        assertMessage(TransNasSpace.MACRO, "64-4151-basic", "skeleton digits are 1");
        assertMessage(TransNasSpace.MACRO, "64-4111", "three fields");
    }

    static void assertMessage(TransNasSpace s, String code, String part) {
        var e = assertThrows(InvalidArchitectureException.class, () -> s.parse(code));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void eproxySubstitutionAlsoHitsFiveMacroCodes() {
        Set<String> hit = new HashSet<>();
        for (TransNasArch a : TransNasSpace.MACRO.labelled()) {
            if (!a.builtCode(TransNasBuild.EPROXY).equals(a.encoding())) {
                hit.add(a.encoding() + "->" + a.builtCode(TransNasBuild.EPROXY));
            }
        }
        assertEquals(Set.of("64-41414-basic->64-41412-basic", "64-414141-basic->64-414121-basic",
                "64-141414-basic->64-141412-basic", "64-414143-basic->64-414123-basic",
                "64-341414-basic->64-341412-basic"), hit);
        assertEquals("64-41414-1_02_333", TransNasSpace.MICRO.parse("64-41414-1_02_333").builtCode(TransNasBuild.BENCHMARK));
    }

    @Test
    void samplingIsUniformOverTheLabelledCodes() {
        Random rng = new Random(7);
        int n = 65_100;
        Map<Integer, Integer> byLength = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TransNasArch a = TransNasSpace.MACRO.sample(rng);
            assertNotEquals(TransNasSpace.UNLABELLED_MACRO, a.encoding());
            byLength.merge(a.skeleton().length(), 1, Integer::sum);
        }
        // uniform over codes, not NASLib's 1/3 per length: expected 4,200 / 15,000 / 45,900
        assertEquals(4_200, byLength.get(4), 4 * Math.sqrt(4_200));
        assertEquals(45_900, byLength.get(6), 4 * Math.sqrt(45_900 * 0.3));
    }

    @Test
    void microMutationChangesExactlyOneEdgeUniformly() {
        Random rng = new Random(3);
        TransNasArch parent = TransNasSpace.MICRO.parse("64-41414-1_02_333");
        int[] position = new int[6];
        int[][] newOp = new int[6][4];
        int n = 24_000;
        for (int i = 0; i < n; i++) {
            TransNasArch child = TransNasSpace.MICRO.mutate(parent, rng);
            int changed = 0;
            for (int e = 0; e < 6; e++) {
                if (child.cellOps().get(e) != parent.cellOps().get(e)) {
                    changed++;
                    position[e]++;
                    newOp[e][child.cellOps().get(e).id()]++;
                }
            }
            assertEquals(1, changed);
        }
        for (int e = 0; e < 6; e++) {
            assertEquals(n / 6.0, position[e], 4 * Math.sqrt(n / 6.0));
            assertEquals(0, newOp[e][parent.cellOps().get(e).id()]);
        }
        assertEquals(18, parent.neighbours().size());
    }

    @Test
    void macroMutationStaysValidLabelledAndReachesEveryMove() {
        Random rng = new Random(5);
        TransNasArch parent = TransNasSpace.MACRO.parse("64-41411-basic");
        Set<Integer> lengths = new HashSet<>();
        Set<String> labelled = new HashSet<>();
        TransNasSpace.MACRO.labelled().forEach(a -> labelled.add(a.encoding()));
        for (int i = 0; i < 2_000; i++) {
            TransNasArch child = TransNasSpace.MACRO.mutate(parent, rng);
            assertTrue(labelled.contains(child.encoding()), child.encoding());
            assertNotEquals(parent, child);
            lengths.add(child.skeleton().length());
        }
        assertEquals(Set.of(4, 5, 6), lengths, "change, insert and delete all happen");
    }

    /** Uses the benchmark data the environment links into data/. */
    @Test
    void groundTruthCoversExactlyTheLabelledCodes() {
        for (TransNasSpace s : List.of(TransNasSpace.MICRO, TransNasSpace.MACRO)) {
            TransNasTable t = TransNasTable.load(s);
            assertEquals(new HashSet<>(s.labelled()), new HashSet<>(t.archs()), s.name());
        }
        TransNasTable micro = TransNasTable.load(TransNasSpace.MICRO);
        assertEquals(micro.archs(), TransNasSpace.MICRO.labelled(), "file order = lexicographic cell codes");
        assertEquals(14.152070, micro.score(micro.archs().get(0), "class_scene"), 1e-9);
        assertEquals(-1.090050, micro.score(micro.archs().get(0), "room_layout"), 1e-9);
        Set<List<Double>> tuples = new HashSet<>();
        for (TransNasArch a : micro.archs()) {
            tuples.add(TransNasTable.TASKS.stream().map(k -> micro.score(a, k)).toList());
        }
        assertEquals(2_994, tuples.size(), "A.4.2: distinct micro score tuples");
        TransNasTable macro = TransNasTable.load(TransNasSpace.MACRO);
        assertEquals("64-4111-basic", macro.archs().get(0).encoding());
        var e = assertThrows(IllegalArgumentException.class,
                () -> macro.score(TransNasSpace.MACRO.parse(TransNasSpace.UNLABELLED_MACRO), "jigsaw"));
        assertTrue(e.getMessage().contains("never labelled"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> macro.score(macro.archs().get(0), "depth"));
        assertTrue(e.getMessage().contains("class_scene"), e.getMessage());
        assertEquals(macro.sample(20, 1), macro.sample(20, 1));
    }

    /**
     * A.3 item 5: the native sizes of the three taps (deepest first) over the 3,255 macro codes,
     * Eproxy build at 32×32 — 608 architectures feed three constant (1×1) maps to the heads.
     */
    @Test
    void macroTapSizesMatchTheSpecHistogram() {
        Map<String, Integer> histogram = new HashMap<>();
        Shape input = new Shape(1, 3, 32, 32);
        for (TransNasArch a : TransNasSpace.MACRO.labelled()) {
            Shape[] taps = a.network(new NetworkSize(4, 1)).getOutputShapes(new Shape[] {input});
            histogram.merge("(" + taps[2].get(2) + ", " + taps[1].get(2) + ", " + taps[0].get(2) + ")", 1, Integer::sum);
        }
        assertEquals(Map.ofEntries(Map.entry("(1, 1, 2)", 667), Map.entry("(1, 1, 1)", 608), Map.entry("(2, 2, 2)", 338),
                Map.entry("(1, 2, 2)", 334), Map.entry("(4, 4, 4)", 267), Map.entry("(2, 2, 4)", 267), Map.entry("(2, 4, 4)", 267),
                Map.entry("(1, 2, 4)", 267), Map.entry("(4, 4, 8)", 80), Map.entry("(4, 8, 8)", 80), Map.entry("(2, 4, 8)", 80)), histogram);
    }

    /**
     * Every labelled code of both spaces builds and runs at width 4, one cell per module, as the
     * proxies build it (Eproxy build); the benchmark build of every code is built and initialised.
     */
    @Test
    void everyLabelledCodeBuildsAndRunsAtASmallWidth() {
        NetworkSize small = new NetworkSize(4, 1);
        Shape input = new Shape(2, 3, 32, 32);
        int built = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            var x = m.randomUniform(-1, 1, input);
            for (TransNasSpace s : List.of(TransNasSpace.MICRO, TransNasSpace.MACRO, TransNasSpace.MICRO_BENCHMARK, TransNasSpace.MACRO_BENCHMARK)) {
                for (TransNasArch a : s.labelled()) {
                    try (NDManager sub = m.newSubManager()) {
                        StageNetwork net = a.network(small);
                        net.initialize(sub, DataType.FLOAT32, input);
                        Shape[] expected = net.getOutputShapes(new Shape[] {input});
                        for (int k = 0; k < 3; k++) {
                            assertEquals(net.stageChannels()[k], expected[k].get(1));
                        }
                        if (s.build() == TransNasBuild.EPROXY) {
                            NDList out = net.forward(new ParameterStore(sub, false), new NDList(x), false);
                            assertEquals(3, out.size());
                            for (int k = 0; k < 3; k++) {
                                assertEquals(expected[k], out.get(k).getShape(), a + " tap " + k);
                            }
                        }
                        built++;
                    }
                }
            }
        }
        assertEquals(2 * (4_096 + 3_255), built);
    }
}
