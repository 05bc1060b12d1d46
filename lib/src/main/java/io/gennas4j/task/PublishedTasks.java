package io.gennas4j.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The task configurations shipped with the GenNAS code ({@code configs.py}): CONF_NB101 (searched
 * on NAS-Bench-101, the default for NB101 and NB201), CONF_DARTS, CONF_RESNET (searched on NDS
 * spaces) and the hand-made CONF_COMBO. Stored as JSON resources beside this class.
 */
public final class PublishedTasks {

    public static final List<String> NAMES = List.of("CONF_NB101", "CONF_DARTS", "CONF_RESNET", "CONF_COMBO");

    private PublishedTasks() {}

    public static TaskConfig byName(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new InvalidTaskConfigException("Unknown task '" + name + "'. Published tasks: " + String.join(", ", NAMES)
                    + "; or give a task as JSON with TaskConfig.fromJson");
        }
        try (InputStream in = PublishedTasks.class.getResourceAsStream(key + ".json")) {
            if (in == null) {
                throw new IllegalStateException("Resource " + key + ".json is missing from the gennas4j jar");
            }
            return TaskConfig.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
