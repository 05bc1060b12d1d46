package io.gennas4j.space.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.benchmark.DataDirectory;
import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpaces;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Nb101Test {

    static final String C3 = "conv3x3-bn-relu";
    static final String C1 = "conv1x1-bn-relu";
    static final String MP = "maxpool3x3";

    /** The shared 2,500 cells: our hash must equal NAS-Bench-101's for every one. */
    @Test
    void hashMatchesTheBenchmarkOnAll2500Cells() throws Exception {
        List<String> lines = Files.readAllLines(DataDirectory.resolve().require("nb101/nb101_2500.csv", "NB101 cells"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Nb101Arch arch = Nb101Arch.parse(f[2] + ";" + f[3]);
            assertEquals(f[0], arch.hash(), line);
            assertEquals(Integer.parseInt(f[1]), arch.spec().vertices());
            checked++;
        }
        assertEquals(2500, checked);
    }

    @Test
    void hashIgnoresVertexOrder() {
        // the same graph with the two middle vertices swapped
        Nb101Spec a = Nb101Spec.parse("0110" + "0001" + "0001" + "0000", "input|" + C3 + "|" + C1 + "|output");
        Nb101Spec b = Nb101Spec.parse("0110" + "0001" + "0001" + "0000", "input|" + C1 + "|" + C3 + "|output");
        assertEquals(a.hash(), b.hash());
        Nb101Spec c = Nb101Spec.parse("0110" + "0001" + "0001" + "0000", "input|" + C1 + "|" + C1 + "|output");
        assertNotEquals(a.hash(), c.hash());
    }

    @Test
    void pruningDropsVerticesOffEveryInputOutputPath() {
        // 0->1->3(output-side)->4 ; vertex 2 is fed by 0 but feeds nothing (dangling)
        int[][] m = {
            {0, 1, 1, 0, 0},
            {0, 0, 0, 1, 0},
            {0, 0, 0, 0, 0},
            {0, 0, 0, 0, 1},
            {0, 0, 0, 0, 0}};
        Nb101Spec s = Nb101Spec.of(m, List.of("input", C3, MP, C1, "output"));
        Nb101Spec p = s.pruned();
        assertEquals(4, p.vertices());
        assertEquals(List.of("input", C3, C1, "output"), p.ops());
        assertArrayEquals(new int[] {0, 1, 0, 0}, p.matrix()[0]);
        assertArrayEquals(new int[] {0, 0, 1, 0}, p.matrix()[1]);
        assertArrayEquals(new int[] {0, 0, 0, 1}, p.matrix()[2]);
    }

    @Test
    void invalidSpecsGetClearErrors() {
        var e = assertThrows(InvalidArchitectureException.class,
                () -> Nb101Arch.parse("0100" + "0000" + "0001" + "0000" + ";input|" + C3 + "|" + C3 + "|output"));
        assertTrue(e.getMessage().contains("no path from input to output"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class, () -> Nb101Arch.parse("011;input|output"));
        assertTrue(e.getMessage().contains("does not fit 2 operations"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class, () -> Nb101Arch.parse("0100000000000000;input|conv5x5|" + C3 + "|output"));
        assertTrue(e.getMessage().contains("Unknown NAS-Bench-101 operation 'conv5x5'"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class, () -> Nb101Arch.parse("0000100000000000;input|" + C3 + "|" + C3 + "|output"));
        assertTrue(e.getMessage().contains("strictly upper-triangular"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class, () -> Nb101Arch.parse("just-a-string"));
        assertTrue(e.getMessage().contains("expected '<row-major 0/1 matrix>;<ops joined by |>'"), e.getMessage());
        // 10 edges among 7 vertices
        int[][] m = new int[7][7];
        int[][] edges = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 6}, {2, 6}, {3, 6}, {4, 6}, {5, 6}};
        for (int[] ed : edges) {
            m[ed[0]][ed[1]] = 1;
        }
        e = assertThrows(InvalidArchitectureException.class,
                () -> new Nb101Arch(Nb101Spec.of(m, List.of("input", C3, C3, C3, C3, C3, "output"))));
        assertTrue(e.getMessage().contains("at most 9 edges, got 10"), e.getMessage());
        assertEquals(Nb101Space.INSTANCE, SearchSpaces.byName("nb101"));
    }

    @Test
    void validityIsCheckedOnThePrunedCell() {
        // 8 vertices given; vertex 6 (input -> conv3x3, no way out) is off every input->output path,
        // so the pruned cell has 7 vertices and 8 edges: valid, as NAS-Bench-101's ModelSpec says.
        String eight = "0100001000101000000100000000010100000100000000010000000000000000;input|" + C1 + "|" + C1 + "|"
                + C3 + "|" + C3 + "|" + MP + "|" + C3 + "|output";
        Nb101Arch a = Nb101Arch.parse(eight);
        assertEquals(7, a.spec().vertices());
        assertEquals(8, a.spec().edges());
        assertEquals(List.of("input", C1, C1, C3, C3, MP, "output"), a.spec().ops());
        assertEquals("64ee3464ba213e3cc8e46e9b6a2e0db0", a.hash());
        assertTrue(Nb101Spec.parse(eight.split(";")[0], eight.split(";")[1]).isValid());
        // 8 vertices all on a path (a chain): genuinely too many, and the message says so and how to fix it
        int[][] chain = new int[8][8];
        for (int v = 0; v < 7; v++) {
            chain[v][v + 1] = 1;
        }
        var e = assertThrows(InvalidArchitectureException.class,
                () -> new Nb101Arch(Nb101Spec.of(chain, List.of("input", C3, C3, C3, C3, C3, C3, "output"))));
        assertTrue(e.getMessage().contains("at most 7 vertices, got 8 after pruning"), e.getMessage());
        assertTrue(e.getMessage().contains("remove interior vertices"), e.getMessage());
        // edges off every path do not count either: 10 given, 9 after pruning
        int[][] m = new int[7][7];
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {3, 6}, {0, 4}, {4, 6}, {0, 6}, {1, 6}, {2, 6}, {0, 5}};
        for (int[] ed : edges) {
            m[ed[0]][ed[1]] = 1;
        }
        Nb101Spec ten = Nb101Spec.of(m, List.of("input", C3, C3, C3, C3, C3, "output"));
        assertEquals(10, ten.edges());
        assertEquals(9, ten.validated().edges());
    }

    @Test
    void channelRuleSplitsTheOutputAndTakesMaximaBackwards() {
        // 0->1, 1->2, 1->3, 2->4, 3->4: vertices 2 and 3 feed the output
        Nb101Spec s = Nb101Spec.parse("01000" + "00110" + "00001" + "00001" + "00000", "input|" + C3 + "|" + C1 + "|" + MP + "|output");
        assertArrayEquals(new int[] {16, 16, 16, 16, 32}, Nb101Cell.vertexChannels(16, 32, s));
        // 33 output channels: the first feeder gets the remainder, vertex 1 the larger of its consumers
        assertArrayEquals(new int[] {16, 17, 17, 16, 33}, Nb101Cell.vertexChannels(16, 33, s));
        // three feeders of 64: 22, 21, 21
        Nb101Spec t = Nb101Spec.parse("01110" + "00001" + "00001" + "00001" + "00000", "input|" + C3 + "|" + C3 + "|" + C3 + "|output");
        assertArrayEquals(new int[] {32, 22, 21, 21, 64}, Nb101Cell.vertexChannels(32, 64, t));
    }

    @Test
    void networkTapsThreeStagesAndTrainsThroughTruncationAndTheInputProjection() {
        // vertex 1 has 17 channels and feeds vertex 3 (16): truncation; plus an input->output edge
        // with a single interior feeder: the cell whose in-place add broke the reference's autograd
        Nb101Arch truncating = Nb101Arch.parse("01000" + "00110" + "00001" + "00001" + "00000;input|" + C3 + "|" + C1 + "|" + MP + "|output");
        Nb101Arch projecting = Nb101Arch.parse("011" + "001" + "000;input|" + C3 + "|output");
        for (Nb101Arch arch : List.of(truncating, projecting)) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(1);
                Nb101Network net = Nb101Network.builder().setArchitecture(arch).setSize(new NetworkSize(11, 1)).build();
                net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
                ParameterStore ps = new ParameterStore(m, false);
                NDList out;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    out = net.forward(ps, new NDList(m.randomNormal(new Shape(2, 3, 32, 32))), true);
                    // squares, not plain sums: a sum of batch-normalised outputs is constant, so its
                    // gradient is zero up to rounding and the check below would test float noise
                    gc.backward(out.get(0).square().sum().add(out.get(1).square().sum()).add(out.get(2).square().sum()));
                }
                assertArrayEquals(new long[] {2, 11, 32, 32}, out.get(0).getShape().getShape());
                assertArrayEquals(new long[] {2, 22, 16, 16}, out.get(1).getShape().getShape());
                assertArrayEquals(new long[] {2, 44, 8, 8}, out.get(2).getShape().getShape());
                NDArray stemGrad = net.getParameters().valueAt(0).getArray().getGradient();
                float g = stemGrad.abs().sum().getFloat();
                assertTrue(g > 0, "gradients reach the stem: sum |grad| = " + g + " for " + arch);
            }
        }
    }

    @Test
    void samplingAndMutationGiveValidDistinctCells() {
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            Nb101Arch a = Nb101Space.INSTANCE.sample(rng);
            assertTrue(a.spec().vertices() <= 7 && a.spec().edges() <= 9);
            Nb101Arch child = Nb101Space.INSTANCE.mutate(a, rng);
            assertNotEquals(a.hash(), child.hash());
            assertEquals(child, Nb101Arch.parse(child.encoding()));
        }
    }

    @Test
    void labelledTablesLoadAndSampleReproducibly() {
        var table = io.gennas4j.benchmark.Nb101Table.load();
        assertEquals(2500, table.size());
        Nb101Arch first = table.archs().get(0);
        assertEquals("38c07ec593df3926409467fde79c05f7", first.hash());
        assertEquals(0.9079527259, table.accuracy(first), 1e-12);
        assertEquals(table.sample(200, 111), table.sample(200, 111));
        assertNotEquals(table.sample(200, 111), table.sample(200, 112));
        assertEquals(200, table.sample(200, 111).stream().map(Nb101Arch::hash).distinct().count());
        assertEquals(20, io.gennas4j.benchmark.Nb101Table.loadSearchSet().size());
    }
}
