package io.gennas4j.space.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.gennas4j.space.NetworkSize;
import org.junit.jupiter.api.Test;

class Nb201NetworkTest {

    static long trainableParameters(Nb201Arch arch, CellVariant variant, int classes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Nb201Network net = Nb201Network.builder().setArchitecture(arch).setSize(new NetworkSize(16, 5))
                    .optCellVariant(variant).optClassifier(classes).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            long count = 0;
            for (var p : net.getParameters()) {
                Parameter param = p.getValue();
                if (param.requiresGradient()) {
                    count += param.getArray().size();
                }
            }
            return count;
        }
    }

    // Hand derivation, benchmark variant (conv without bias, affine BN = 2C per conv edge):
    // stem 3*16*9 + 2*16 = 464; reduction 16->32: 9*16*32 + 64 + 9*32*32 + 64 + 16*32 = 14,464;
    // reduction 32->64: 9*32*64 + 128 + 9*64*64 + 128 + 32*64 = 57,600; top BN 128 + Linear 64*10+10 = 778.
    // Fixed part 464 + 14,464 + 57,600 + 778 = 73,306 (NAS-Bench-201 reports 0.073306 MB for the all-none cell).
    // Each 3x3 edge: 9C^2 + 2C; each 1x1 edge: C^2 + 2C; times 5 cells at C = 16, 32, 64.
    private static final long FIXED = 73_306;

    private static long edge(int kernel, boolean benchmark) {
        long total = 0;
        for (int c : new int[] {16, 32, 64}) {
            total += 5L * ((long) kernel * kernel * c * c + (benchmark ? 2L * c : c));
        }
        return total;
    }

    @Test
    void allNoneCellHasOnlyTheFixedParameters() {
        Nb201Arch arch = Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertEquals(FIXED, trainableParameters(arch, CellVariant.BENCHMARK, 10));
    }

    @Test
    void allConv3x3MatchesTheBenchmarkCount() {
        Nb201Arch arch = Nb201Arch.parse(
                "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        long expected = FIXED + 6 * edge(3, true);
        assertEquals(1_531_546, expected); // NAS-Bench-201's 1.531546 MB for this cell
        assertEquals(expected, trainableParameters(arch, CellVariant.BENCHMARK, 10));
    }

    @Test
    void mixedCellCountsEachEdgeOnce() {
        // two 3x3, one 1x1, one skip, one pool, one none
        Nb201Arch arch = Nb201Arch.parse(
                "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
        assertEquals(FIXED + 2 * edge(3, true) + edge(1, true), trainableParameters(arch, CellVariant.BENCHMARK, 10));
        // GenNAS variant: conv bias (C) instead of affine BN (2C), and no classifier top (778)
        assertEquals(FIXED - 778 + 2 * edge(3, false) + edge(1, false),
                trainableParameters(arch, CellVariant.ZERO_COST, 0));
    }

    @Test
    void forwardReturnsThreeStagesAtTheRightShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Nb201Network net = Nb201Network.builder()
                    .setArchitecture(Nb201Arch.parse(
                            "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|"))
                    .setSize(new NetworkSize(8, 1)).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            NDList out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(new Shape(2, 3, 32, 32))), false);
            assertEquals(3, out.size());
            assertArrayEquals(new long[] {2, 8, 32, 32}, out.get(0).getShape().getShape());
            assertArrayEquals(new long[] {2, 16, 16, 16}, out.get(1).getShape().getShape());
            assertArrayEquals(new long[] {2, 32, 8, 8}, out.get(2).getShape().getShape());
        }
    }
}
