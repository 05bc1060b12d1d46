package io.gennas4j;

/** Library-wide facts. */
public final class Gennas4j {

    private Gennas4j() {}

    /** The gennas4j version from the jar manifest, or {@code dev} when run from compiled classes. */
    public static String version() {
        String v = Gennas4j.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
