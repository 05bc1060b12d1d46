package io.gennas4j.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.EproxyProxy;
import io.gennas4j.proxy.zerocost.ZeroCostProxy;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.transnas.TransNasArch;
import io.gennas4j.space.transnas.TransNasSpace;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GenNAS, Eproxy and a zero-cost measure on TransNAS-Bench-101 networks, degenerate cells included. */
class TransNasProxiesTest {

    static final TransNasArch ZERO = TransNasSpace.MICRO.parse("64-41414-0_00_000");
    static final TransNasArch DISCONNECTED = TransNasSpace.MICRO.parse("64-41414-0_00_002");
    static final TransNasArch CELL = TransNasSpace.MICRO.parse("64-41414-1_02_333");
    static final TransNasArch MACRO = TransNasSpace.MACRO.parse("64-4111-basic");
    static final NetworkSize SMALL = new NetworkSize(8, 1);

    @TempDir
    static Path targets;

    @Test
    void gennasScoresDegenerateCellsWithAFiniteLoss() {
        try (RegressionProxy p = RegressionProxy.builder().setTask(TaskConfig.byName("CONF_NB101")).optNetworkSize(SMALL)
                .optIterations(10).optEvalInterval(5).optSeed(3).build()) {
            ProxyScore zero = p.score(ZERO);
            ProxyScore disconnected = p.score(DISCONNECTED);
            ProxyScore cell = p.score(CELL);
            for (ProxyScore s : new ProxyScore[] {zero, disconnected, cell}) {
                assertNull(s.error(), s.arch());
                assertTrue(Double.isFinite(s.value()) && s.value() < RegressionProxy.FAILED_LOSS, s.arch() + " " + s.value());
            }
            assertTrue(zero.value() > cell.value(), "a network that outputs zeros regresses the targets worse: "
                    + zero.value() + " vs " + cell.value());
        }
    }

    @Test
    void eproxyUsesTheTransNasMacsTable() {
        EproxyConfig c = EproxyConfig.defaults();
        try (EproxyProxy p = EproxyProxy.builder().setConfig(c).optNetworkSize(SMALL).optTargetsDirectory(targets).optSeed(3).build()) {
            assertEquals(1_505_384_448.0, p.macsMaxFor(MACRO));
            assertEquals(206_993_408.0, p.macsMaxFor(CELL));
            ProxyScore zero = p.score(ZERO);
            assertNull(zero.error());
            assertTrue(Double.isFinite(zero.value()) && zero.value() < EproxyProxy.FAILED_SCORE, "" + zero.value());
            ProxyScore macro = p.score(MACRO);
            double loss = macro.trace()[macro.trace().length - 1];
            assertEquals(loss * (1 - c.alpha() * p.macs(MACRO) / 1_505_384_448.0), macro.value(), 1e-9 * loss);
        }
    }

    @Test
    void zeroCostMeasuresDoNotFailOnAnAllZeroNetwork() {
        try (ZeroCostProxy p = ZeroCostProxy.builder().setMeasure("synflow").optNetworkSize(SMALL).build()) {
            ProxyScore zero = p.score(ZERO);
            ProxyScore cell = p.score(CELL);
            assertNull(zero.error());
            assertNull(cell.error());
            assertTrue(zero.value() < cell.value(), "a dead network has less synaptic flow: " + zero.value() + " vs " + cell.value());
        }
    }
}
