package io.gennas4j.proxy.zerocost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.nbnlp.NlpArch;
import org.junit.jupiter.api.Test;

class RecurrentZeroCostProxyTest {

    static final NlpArch RNN = NlpArch.parse("{\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]},"
            + "\"f\":{\"op\":\"linear\",\"input\":[\"x\",\"h_prev_0\"]}}");
    static final NlpArch RNN_REORDERED = NlpArch.parse("{\"f\":{\"input\":[\"x\",\"h_prev_0\"],\"op\":\"linear\"},"
            + "\"h_new_0\":{\"op\":\"activation_tanh\",\"input\":[\"f\"]}}");
    static final NlpArch SUM_RNN = NlpArch.parse("{\"f\":{\"op\":\"linear\",\"input\":[\"x\"]},\"g\":{\"op\":\"linear\",\"input\":[\"h_prev_0\"]},"
            + "\"s\":{\"op\":\"elementwise_sum\",\"input\":[\"f\",\"g\"]},\"h_new_0\":{\"op\":\"activation_sigm\",\"input\":[\"s\"]}}");

    @Test
    void paramsCountThePlainRnnsThreeLayersByHand() {
        // 400 -> 600: 600·400 + 600·600 + 600; 600 -> 600: 2·600·600 + 600; 600 -> 400 (tied): 400·600 + 400·400 + 400
        try (RecurrentZeroCostProxy p = RecurrentZeroCostProxy.builder().setMeasure("params").build()) {
            assertEquals(600_600 + 720_600 + 400_400, p.score(RNN).value());
            // two linear nodes, each with its own bias: one more bias vector per layer, 600 + 600 + 400
            assertEquals(600_600 + 720_600 + 400_400 + 1_600, p.score(SUM_RNN).value());
            // the LSTM (recepie_id 1000001): four linear nodes over (x, h_prev_0), each H·in + H·H + H:
            // 4·(240,000 + 360,000 + 600) + 4·(360,000 + 360,000 + 600) + 4·(240,000 + 160,000 + 400)
            assertEquals(2_402_400 + 2_882_400 + 1_601_600,
                    p.score(NlpArch.parse(io.gennas4j.space.nbnlp.NlpRecipeTest.LSTM)).value());
        }
    }

    @Test
    void everyMeasureIsFiniteSeededAndTheSameForTheSameCell() {
        for (String measure : RecurrentZeroCostProxy.MEASURES) {
            try (RecurrentZeroCostProxy p = RecurrentZeroCostProxy.builder().setMeasure(measure).build()) {
                ProxyScore a = p.score(RNN);
                assertNull(a.error(), measure);
                assertTrue(Double.isFinite(a.value()), measure + " " + a.value());
                assertEquals(a.value(), p.score(RNN_REORDERED).value(), measure + ": a recipe in another key order is the same cell");
                if (!measure.equals("plain")) {
                    assertNotEquals(a.value(), p.score(SUM_RNN).value(), measure + " tells two cells apart");
                }
                if (!measure.equals("plain") && !measure.equals("jacob_cov")) {
                    assertTrue(a.value() > 0, measure + " is a sum of magnitudes: " + a.value());
                }
                try (Proxy rebuilt = Proxies.fromSettings(p.settings(), null)) {
                    assertEquals(a.value(), rebuilt.score(RNN).value(), measure + ": a worker rebuilds the same proxy");
                }
            }
        }
    }

    @Test
    void measuresNotDefinedOnRnnsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecurrentZeroCostProxy.builder().setMeasure("naswot"));
        assertTrue(e.getMessage().contains("ReLU"), e.getMessage());
        try (RecurrentZeroCostProxy p = RecurrentZeroCostProxy.builder().setMeasure("grad_norm").build()) {
            ProxyScore s = p.score(io.gennas4j.space.nb201.Nb201Arch.parse(
                    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
            assertTrue(s.error() != null && s.error().contains("ZeroCostProxy"), s.error());
        }
    }
}
