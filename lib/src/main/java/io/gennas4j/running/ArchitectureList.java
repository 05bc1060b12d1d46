package io.gennas4j.running;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.SearchSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Architectures read from a text file, one encoding a line ({@code #} comments and blank lines
 * skipped). A line that does not parse is reported with its line number and the reason, and
 * skipped: the rest of the file is still scored.
 *
 * @param archs the architectures, in file order
 * @param problems one message per skipped line ({@code file:line: reason})
 */
public record ArchitectureList(List<Architecture> archs, List<String> problems) {

    public ArchitectureList {
        archs = List.copyOf(archs);
        problems = List.copyOf(problems);
    }

    /**
     * Reads {@code file} as encodings of {@code space}.
     *
     * @param fallback tried when a line does not parse as an encoding (e.g. a NAS-Bench-101 graph
     *     hash looked up in the labelled table); empty when it does not know the line either
     * @throws IOException when the file cannot be read
     */
    public static ArchitectureList read(Path file, SearchSpace<?> space, Function<String, Optional<? extends Architecture>> fallback)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toAbsolutePath().toString(), null,
                    "no architecture list there (one " + space.name() + " encoding a line)");
        }
        List<Architecture> archs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                archs.add(space.parse(line));
            } catch (RuntimeException e) {
                Optional<? extends Architecture> other = fallback == null ? Optional.empty() : fallback.apply(line);
                if (other.isPresent()) {
                    archs.add(other.get());
                } else {
                    problems.add(file + ":" + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return new ArchitectureList(archs, problems);
    }
}
