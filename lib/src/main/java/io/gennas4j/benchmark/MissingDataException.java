package io.gennas4j.benchmark;

import java.nio.file.Path;

/** A benchmark or image file the library needs is not where it looks. */
public class MissingDataException extends IllegalStateException {

    private final Path expected;

    public MissingDataException(Path expected, String description) {
        super("Missing data file: " + expected.toAbsolutePath().normalize() + " (" + description + "). "
                + "The data directory is " + expected.getParent().getParent().toAbsolutePath().normalize()
                + " (set " + DataDirectory.ENV + " or -D" + DataDirectory.PROPERTY + " to point elsewhere). "
                + "Run environment/setup to link ../shared/data there, or drop in the file from the original release "
                + "(see data/README.md).");
        this.expected = expected;
    }

    /** Where the file was expected. */
    public Path expected() {
        return expected;
    }
}
