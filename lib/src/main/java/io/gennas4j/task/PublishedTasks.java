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
 * spaces) and the hand-made CONF_COMBO; and gennas4j's own SEARCHED_NB201_FAST, the task its
 * proxy-task search (GenNAS §4) found on NAS-Bench-201 at the {@code fast} preset:
 * {@code environment/bench tasksearch --space nb201 --population 50 --tournament 10 --cycles 150
 * --preset fast --seed 111} (200 evaluations, 57 min on 2 cores; fitness 0.950 on its 20 labelled
 * architectures), held-out |ρ| 0.884 ± 0.003 against CONF_NB101's 0.832 ± 0.035 on the first 1,000
 * of GenNAS sample 0 (3 seeds, README › Proxy-task search). Stored as JSON resources beside this
 * class.
 */
public final class PublishedTasks {

    public static final List<String> NAMES = List.of("CONF_NB101", "CONF_DARTS", "CONF_RESNET", "CONF_COMBO", "SEARCHED_NB201_FAST");

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
