package io.gennas4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.task.TaskConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SignalGalleryTest {

    @Test
    void aTaskIsTabulatedStageByStageWithItsBasesAndLevels() {
        TaskConfig task = TaskConfig.byName("CONF_NB101");
        Table t = SignalGallery.taskTable(task, "CONF_NB101");
        assertEquals("Task CONF_NB101", t.name());
        assertEquals(List.of("0 (32x32, shallowest)", "1 (16x16)", "2 (8x8, deepest)"), t.stringColumn("stage").asList());
        for (int l = 0; l < 3; l++) {
            assertEquals(String.valueOf(task.channels(l)), t.stringColumn("channels").get(l));
            String bases = t.stringColumn("bases (level)").get(l);
            for (var e : task.features().get(l).entrySet()) {
                String cell = e.getKey() + String.format(java.util.Locale.ROOT, " (%.1f)", e.getValue().level());
                assertTrue(bases.contains(cell), bases + " lacks " + cell);
            }
        }
    }
}
