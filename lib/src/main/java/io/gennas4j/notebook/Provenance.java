package io.gennas4j.notebook;

import ai.djl.engine.Engine;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What produced a result: versions, machine, seed and settings, as a table for a closing cell. */
public final class Provenance {

    private Provenance() {}

    /** Versions and machine facts followed by the given settings. */
    public static Table table(Map<String, String> settings) {
        StringColumn key = StringColumn.create("setting");
        StringColumn value = StringColumn.create("value");
        add(key, value, "gennas4j", io.gennas4j.Gennas4j.version());
        add(key, value, "DJL", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        add(key, value, "engine", engine.getEngineName() + " " + engine.getVersion());
        add(key, value, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        add(key, value, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        add(key, value, "cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        // issue 17: scores depend on the scorers' thread count, not on the number of workers
        add(key, value, "intra_op_threads", String.valueOf(io.gennas4j.proxy.IntraOpThreads.policy()));
        add(key, value, "default workers", String.valueOf(io.gennas4j.running.WorkerPool.defaultWorkers()));
        add(key, value, "run at", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        settings.forEach((k, v) -> add(key, value, k, v));
        return Table.create("Provenance", key, value);
    }

    private static void add(StringColumn k, StringColumn v, String key, String value) {
        k.append(key);
        v.append(value);
    }
}
