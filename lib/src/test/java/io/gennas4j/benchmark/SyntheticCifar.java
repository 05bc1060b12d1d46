package io.gennas4j.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small CIFAR-format image files for tests that must not depend on the shared data. */
public final class SyntheticCifar {

    private SyntheticCifar() {}

    /** {@code count} records: label = index % 10, pixels from a seeded stream. */
    public static Path write(Path dir, int count, long seed) {
        byte[] bytes = new byte[count * Cifar10Images.RECORD];
        Random rng = new Random(seed);
        for (int r = 0; r < count; r++) {
            bytes[r * Cifar10Images.RECORD] = (byte) (r % 10);
            for (int k = 1; k < Cifar10Images.RECORD; k++) {
                bytes[r * Cifar10Images.RECORD + k] = (byte) rng.nextInt(256);
            }
        }
        try {
            Path file = dir.resolve("test_batch.bin");
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Cifar10Images images(Path dir, int count) {
        return Cifar10Images.load(write(dir, count, 42));
    }
}
