package io.gennas4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final String USAGE = "usage: x [--archs N] [--seed K] [--heldout-archs N] [--all]";

    @Test
    void documentedOptionsParseAndFlagsTakeNoValue() {
        Map<String, String> m = Options.parse(new String[] {"--archs", "5", "--all", "--seed", "7"}, USAGE, "x", Set.of("all"));
        assertEquals(Map.of("archs", "5", "all", "true", "seed", "7"), m);
        assertEquals(Set.of("archs", "seed", "heldout-archs", "all"), Options.documented(USAGE));
    }

    @Test
    void aMistypedOptionIsAnErrorNamingTheNearestOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--heldout-arch", "5"}, USAGE, "environment/bench", Set.of()));
        assertTrue(e.getMessage().contains("Unknown option --heldout-arch for environment/bench: did you mean --heldout-archs?"),
                e.getMessage());
        var far = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--zzzzzz", "1"}, USAGE, "x", Set.of()));
        assertTrue(!far.getMessage().contains("did you mean"), far.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--archs"}, USAGE, "x", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"archs", "5"}, USAGE, "x", Set.of()));
    }

    @Test
    void theBenchAndScoreCommandsRefuseAnUndocumentedOption() {
        assertThrows(IllegalArgumentException.class, () -> Bench.options(new String[] {"--arch", "5"}));
        assertEquals("5", Bench.options(new String[] {"--archs", "5", "--heldout-tasks", "searched"}).get("archs"));
        assertEquals("true", ScoreCommand.options("--all", "--space", "nb201").get("all"));
        assertThrows(IllegalArgumentException.class, () -> ScoreCommand.options("--proxie", "gennas"));
    }
}
