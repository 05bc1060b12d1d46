package io.gennas4j.space.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.SearchSpaces;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Nb201ArchTest {

    static final String BEST = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    @Test
    void parseAndFormatRoundTrip() {
        Nb201Arch a = Nb201Arch.parse(BEST);
        assertEquals(BEST, a.encoding());
        assertEquals(Nb201Op.SKIP_CONNECT, a.op(0, 3));
        assertEquals(Nb201Op.NOR_CONV_3X3, a.op(2, 3));
    }

    @Test
    void codeEnumeratesTheSpace() {
        assertEquals("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", Nb201Arch.fromCode(0).encoding());
        assertEquals("|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
                Nb201Arch.fromCode(15_624).encoding());
        // ops (3,3,3,1,3,3) in base 5
        assertEquals(((((3 * 5 + 3) * 5 + 3) * 5 + 1) * 5 + 3) * 5 + 3, Nb201Arch.parse(BEST).code());
        for (int code : new int[] {1, 777, 9000, 15_000}) {
            assertEquals(code, Nb201Arch.fromCode(code).code());
        }
    }

    @Test
    void malformedStringsGetClearErrors() {
        var e = assertThrows(InvalidArchitectureException.class, () -> Nb201Arch.parse("|nor_conv_3x3~0|+|none~0|"));
        assertTrue(e.getMessage().contains("expected 3 '+'-separated nodes"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class,
                () -> Nb201Arch.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("Unknown NAS-Bench-201 operation 'conv'"), e.getMessage());
        assertTrue(e.getMessage().contains("nor_conv_3x3"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class,
                () -> Nb201Arch.parse("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|"));
        assertTrue(e.getMessage().contains("must come from node 0"), e.getMessage());
        e = assertThrows(InvalidArchitectureException.class, () -> Nb201Arch.parse("  "));
        assertTrue(e.getMessage().contains("Empty"), e.getMessage());
    }

    @Test
    void mutationRedrawsAboutOneEdgeInFive() {
        Random rng = new Random(1);
        Nb201Arch parent = Nb201Arch.parse(BEST);
        int changed = 0;
        int trials = 20_000;
        for (int i = 0; i < trials; i++) {
            Nb201Arch child = Nb201Space.INSTANCE.mutate(parent, rng);
            for (int e = 0; e < 6; e++) {
                if (child.ops().get(e) != parent.ops().get(e)) {
                    changed++;
                }
            }
        }
        // each edge is redrawn with p = 1/5 and then differs with p = 4/5: expected 0.16 per edge
        double rate = changed / (6.0 * trials);
        assertEquals(0.16, rate, 0.006);
    }

    @Test
    void samplingCoversTheSpace() {
        Random rng = new Random(7);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            seen.add(Nb201Space.INSTANCE.sample(rng).code());
        }
        // uniform draws: expected distinct = 15625 * (1 - exp(-50000/15625)) = 14,988 (sd about 25)
        assertEquals(14_988, seen.size(), 120);
        assertNotEquals(Nb201Space.INSTANCE.sample(new Random(1)), Nb201Space.INSTANCE.sample(new Random(2)));
    }

    @Test
    void spacesAreFoundByName() {
        assertEquals(Nb201Space.INSTANCE, SearchSpaces.byName("nb201"));
        var e = assertThrows(IllegalArgumentException.class, () -> SearchSpaces.byName("nb999"));
        assertTrue(e.getMessage().contains("Known spaces: nb201"), e.getMessage());
    }
    @Test
    void canonicalFormIsNatsBenchsUniqueString() {
        // node 1 = x (skip); node 3 = conv3x3(node 0) + conv1x1(node 1) = conv3x3(x) + conv1x1(x), and with the
        // two convolutions swapped between edges 0->3 and 1->3 it is the same network
        Nb201Arch a = Nb201Arch.parse("|skip_connect~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|");
        Nb201Arch b = Nb201Arch.parse("|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|");
        assertEquals("#+(0)@nor_conv_1x1+(0)@nor_conv_3x3", a.canonical());
        assertTrue(a.isomorphic(b));
        // with node 1 a convolution the two edges see different inputs
        Nb201Arch c = Nb201Arch.parse("|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|");
        assertEquals("#+((0)@nor_conv_3x3)@nor_conv_1x1+(0)@nor_conv_3x3", c.canonical());
        assertTrue(!a.isomorphic(c));
        // index 8274: node 1 is zero, so the avg-pool and skip fed by it are zero too; the output is zero,
        // as for the all-none cell
        Nb201Arch zero = Nb201Arch.parse("|none~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|skip_connect~1|none~2|");
        assertEquals("#+#+#", zero.canonical());
        assertTrue(zero.isomorphic(Nb201Arch.fromCode(0)));
        // node 2 fed only by zeros is written #+# and not folded (NATS-Bench's definition)
        assertEquals("#+#+(#+#)@nor_conv_3x3", Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_3x3~2|").canonical());
    }

    @Test
    void theBenchmarksStringsFormNatsBenchs6466Classes() {
        io.gennas4j.benchmark.Nb201Table table = io.gennas4j.benchmark.Nb201Table.load();
        Set<String> classes = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            classes.add(table.arch(i).canonical());
        }
        assertEquals(15_625, table.size());
        assertEquals(6_466, classes.size());
    }

    @Test
    void samplingCanSkipDuplicateNetworks() {
        List<Nb201Arch> distinct = Nb201Space.INSTANCE.sampleDistinctClasses(500, new Random(3));
        assertEquals(500, distinct.size());
        assertEquals(500, distinct.stream().map(Nb201Arch::canonical).distinct().count());
        assertEquals(distinct, Nb201Space.INSTANCE.sampleDistinctClasses(500, new Random(3)));
        Nb201Arch a = Nb201Arch.parse("|skip_connect~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|");
        Nb201Arch b = Nb201Arch.parse("|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|");
        assertEquals(List.of(a, Nb201Arch.fromCode(0)), Nb201Space.distinctClasses(List.of(a, b, Nb201Arch.fromCode(0), a)));
        assertThrows(IllegalArgumentException.class, () -> Nb201Space.INSTANCE.sampleDistinctClasses(6_467, new Random(1)));
    }

    @Test
    void opsOnAllZeroNodesAreFoundAndTheFunctionalViewIsItsOwnSpace() {
        // issue 12 §1: 2,290 of the 15,625 cells run a convolution on an all-zero node (161 of GenNAS sample 0)
        io.gennas4j.benchmark.Nb201Table table = io.gennas4j.benchmark.Nb201Table.load();
        int affected = 0;
        for (int i = 0; i < table.size(); i++) {
            affected += table.arch(i).hasConvOnZeroNode() ? 1 : 0;
        }
        assertEquals(2_290, affected);
        assertEquals(161, table.gennasSample(0).stream().filter(Nb201Arch::hasConvOnZeroNode).count());
        // a skip or a pooling on a zero node, or convolutions on the input only, are not affected
        assertTrue(!Nb201Arch.parse("|none~0|+|nor_conv_3x3~0|skip_connect~1|+|none~0|none~1|nor_conv_1x1~2|").hasConvOnZeroNode());
        assertTrue(!Nb201Arch.parse("|none~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|none~0|none~1|none~2|").hasConvOnZeroNode());
        assertTrue(Nb201Arch.parse("|none~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|none~0|none~1|none~2|").hasConvOnZeroNode());

        String enc = "|none~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|skip_connect~1|nor_conv_1x1~2|";
        Nb201Arch run = Nb201Arch.parse(enc);
        Nb201Arch functional = (Nb201Arch) io.gennas4j.space.SearchSpaces.byName("nb201-functional").parse(enc);
        assertEquals(ZeroNodeOps.RUN, run.zeroNodeOps());
        assertEquals(ZeroNodeOps.PRUNE, functional.zeroNodeOps());
        assertEquals("nb201-functional", functional.space().name());
        assertEquals(run.encoding(), functional.encoding());
        assertEquals(functional, run.functional());
        assertTrue(!run.equals(functional), "another network, so another cache key (the space's name)");
        assertEquals(ZeroNodeOps.PRUNE, Nb201Space.FUNCTIONAL.mutate(functional, new Random(1)).zeroNodeOps());
        assertEquals(ZeroNodeOps.PRUNE, Nb201Space.FUNCTIONAL.sample(new Random(1)).zeroNodeOps());
    }

    @Test
    void theBenchmarkTabulatesTestAccuraciesOfAList() {
        io.gennas4j.benchmark.Nb201Table table = io.gennas4j.benchmark.Nb201Table.load();
        List<Nb201Arch> two = List.of(table.arch(0), table.arch(1));
        tech.tablesaw.api.Table t = table.testAccuracies("first two", two);
        assertEquals(List.of("arch_str", "cifar10_test", "cifar100_test", "imagenet16_test"), t.columnNames());
        assertEquals(two.get(1).encoding(), t.stringColumn("arch_str").get(1));
        // the shared data's index 0: 85.8633 / 52.9133 / 26.6333 (CIFAR-10 / CIFAR-100 / ImageNet16-120 test)
        assertEquals(85.8633, t.doubleColumn("cifar10_test").get(0), 1e-4);
        assertEquals(26.6333, t.doubleColumn("imagenet16_test").get(0), 1e-4);
    }
}
