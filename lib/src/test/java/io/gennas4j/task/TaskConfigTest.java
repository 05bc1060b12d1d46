package io.gennas4j.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskConfigTest {

    @Test
    void publishedTasksHaveThePapersChannelsAndBases() {
        TaskConfig nb101 = TaskConfig.byName("CONF_NB101");
        assertEquals(List.of(64, 48, 16), List.of(nb101.channels(0), nb101.channels(1), nb101.channels(2)));
        assertEquals(NoiseType.UNIFORM, nb101.noise().type());
        assertEquals(0.1, nb101.noise().level());
        assertEquals(List.of("sin2d"), List.copyOf(nb101.features().get(0).keySet()));
        assertEquals(List.of("sin1d", "sin2d", "dot_gaussian", "resize"), List.copyOf(nb101.features().get(1).keySet()));
        assertEquals(0.578125, nb101.features().get(1).get("dot_gaussian").partial());
        assertEquals(false, nb101.features().get(2).get("sin1d").local());
        assertEquals(10, nb101.features().get(0).get("sin2d").range().length);

        TaskConfig darts = TaskConfig.byName("conf_darts");
        assertEquals(List.of(80, 32, 80), List.of(darts.channels(0), darts.channels(1), darts.channels(2)));
        assertEquals(NoiseType.GAUSSIAN, darts.noise().type());
        TaskConfig resnet = TaskConfig.byName("CONF_RESNET");
        assertEquals(List.of(16, 16, 32), List.of(resnet.channels(0), resnet.channels(1), resnet.channels(2)));
        assertEquals(0.9, resnet.noise().level());
        TaskConfig combo = TaskConfig.byName("CONF_COMBO");
        assertEquals(0.0, combo.noise().level());
        assertEquals(List.of("sin1d", "sin2d", "dot"), List.copyOf(combo.features().get(0).keySet()));
    }

    @Test
    void jsonRoundTripKeepsEveryValue() {
        for (String name : PublishedTasks.NAMES) {
            TaskConfig t = TaskConfig.byName(name);
            TaskConfig back = TaskConfig.fromJson(t.toJson());
            assertEquals(t, back, name);
            assertArrayEquals(t.lastChannelMultipliers(), back.lastChannelMultipliers());
        }
        assertTrue(TaskConfig.byName("CONF_NB101").toJson().contains("\"sin1d\": null"));
        TaskConfig searched = TaskConfig.byName("SEARCHED_NB201_FAST"); // the task search's output, shipped
        assertEquals(0.5, searched.noise().level());
        assertEquals(16, searched.batchSize());
    }

    @Test
    void badJsonNamesTheProblem() {
        var e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson("{'batchsize': 16, 'noise': None"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson("[1, 2]"));
        assertTrue(e.getMessage().contains("must be a JSON object"), e.getMessage());
        String good = TaskConfig.byName("CONF_NB101").toJson();
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson(good.replace("\"sin1d\"", "\"sine\"")));
        assertTrue(e.getMessage().contains("Unknown signal basis 'sine'") && e.getMessage().contains("dot_gaussian"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson(good.replace("\"uniform\"", "\"pink\"")));
        assertTrue(e.getMessage().contains("Unknown noise type 'pink'"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson(good.replace("\"last_channel_l1\"", "\"last_channels_l1\"")));
        assertTrue(e.getMessage().contains("Unknown task key 'last_channels_l1'"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson(good.replace("\"partial\": 0.578125", "\"partial\": 1.5")));
        assertTrue(e.getMessage().contains("feature.1.dot_gaussian.partial"), e.getMessage());
        e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.fromJson(good.replaceFirst("\"range\": \\[[^\\]]*\\],", "")));
        assertTrue(e.getMessage().contains("feature.0.sin2d.range is missing"), e.getMessage());
    }

    @Test
    void unknownTaskNameListsThePublishedOnes() {
        var e = assertThrows(InvalidTaskConfigException.class, () -> TaskConfig.byName("CONF_NB102"));
        assertTrue(e.getMessage().contains("CONF_NB101, CONF_DARTS, CONF_RESNET, CONF_COMBO"), e.getMessage());
    }
}
