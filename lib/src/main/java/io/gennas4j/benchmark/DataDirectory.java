package io.gennas4j.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where benchmark tables and images live. Resolution order: system property
 * {@value #PROPERTY}, environment variable {@value #ENV}, then a {@code data/} folder in the
 * working directory or one of its parents (so notebooks run from {@code notebooks/} find the
 * project's {@code data/}).
 */
public final class DataDirectory {

    public static final String ENV = "GENNAS4J_DATA";
    public static final String PROPERTY = "gennas4j.data";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** The data directory resolved from the environment. */
    public static DataDirectory resolve() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return new DataDirectory(Paths.get(configured));
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("data");
            if (Files.isDirectory(candidate.resolve("nb201")) || Files.isDirectory(candidate.resolve("cifar10"))) {
                return new DataDirectory(candidate);
            }
        }
        return new DataDirectory(dir.resolve("data"));
    }

    /** A data directory at an explicit path. */
    public static DataDirectory at(Path root) {
        return new DataDirectory(root);
    }

    public Path root() {
        return root;
    }

    /**
     * Returns the path of a required file.
     *
     * @param relative e.g. {@code nb201/nb201_accuracies.csv}
     * @param description what the file is, for the error message
     * @throws MissingDataException naming the file and where it is expected
     */
    public Path require(String relative, String description) {
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new MissingDataException(p, description);
        }
        return p;
    }

    @Override
    public String toString() {
        return root.toAbsolutePath().normalize().toString();
    }
}
