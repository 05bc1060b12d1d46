package io.gennas4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import io.gennas4j.space.nb101.Nb101Arch;
import io.gennas4j.space.nb201.Nb201Arch;
import org.junit.jupiter.api.Test;

class MacCounterTest {

    static final Shape ONE = new Shape(1, 3, 32, 32);

    static long count(StageNetwork net, MacCounter.Convention c) {
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, ONE);
            return MacCounter.count(net, ONE, c, m);
        }
    }

    /**
     * NAS-Bench-201, every edge nor_conv_3x3, C=16, 5 cells per stage, derived by hand (ptflops
     * rules): stem conv 442,368 + affine BN 32,768; a cell edge at C×H×W: ReLU CHW + conv 9C²HW +
     * bias CHW + non-affine BN CHW, six edges, five cells: 72,253,440 / 71,516,160 / 71,147,520 per
     * stage; reductions (ReLU, conv3×3 s2, affine BN, ReLU, conv3×3, affine BN, avg-pool, conv1×1)
     * 3,743,744 and 3,706,880. Convolution kernels alone give 220,119,040, NAS-Bench-201's published
     * 220.11 M maximum less its 640-MAC classifier.
     */
    @Test
    void nb201AllConvCellAtTheBenchmarkSize() {
        Nb201Arch a = Nb201Arch.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        assertEquals(222_842_880L, count(a.network(new NetworkSize(16, 5)), MacCounter.Convention.PTFLOPS));
        assertEquals(220_119_040L, count(a.network(new NetworkSize(16, 5)), MacCounter.Convention.CONV_LINEAR));
    }

    /**
     * NAS-Bench-101 cell input → conv3×3 → output at C=4, derived by hand: stem 122,880; per stack a
     * projection conv1×1-BN-ReLU and the conv3×3-BN-ReLU: 188,416 / 167,936 / 161,792; the two
     * 2×2 max-pools read 4,096 and 2,048 elements. An unused classifier costs nothing.
     */
    @Test
    void nb101SingleConvCellByHand() {
        Nb101Arch a = Nb101Arch.parse("010001000;input|conv3x3-bn-relu|output");
        assertEquals(647_168L, count(a.network(new NetworkSize(4, 1)), MacCounter.Convention.PTFLOPS));
        assertEquals(647_168L, count(a.network(new NetworkSize(4, 1), 10), MacCounter.Convention.PTFLOPS) - 16 * 10 - 10,
                "the classifier's linear layer (16·10 + 10 bias) is counted only when the forward pass runs it");
    }

    @Test
    void refusesAnUninitialisedBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            StageNetwork net = Nb201Arch.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|").network(new NetworkSize(4, 1));
            assertThrows(IllegalArgumentException.class, () -> MacCounter.count(net, ONE, MacCounter.Convention.PTFLOPS, m));
        }
    }
}
