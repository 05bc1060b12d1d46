package io.gennas4j.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CIFAR-10 images in the binary record layout (1 label byte, then 1,024 R, 1,024 G, 1,024 B bytes
 * of a 32×32 image). The shared sample holds 1,000 test images, 100 per class.
 */
public final class Cifar10Images {

    public static final String FILE = "cifar10/test_batch.bin";
    public static final int SIDE = 32;
    public static final int RECORD = 1 + 3 * SIDE * SIDE;

    private final byte[] data;
    private volatile String fingerprint;
    private final int count;
    private final Path source;

    private Cifar10Images(byte[] data, Path source) {
        this.data = data;
        this.count = data.length / RECORD;
        this.source = source;
    }

    /** The file the images were read from. */
    public Path source() {
        return source;
    }

    /** Loads {@value #FILE} from the resolved data directory. */
    public static Cifar10Images load() {
        return load(DataDirectory.resolve());
    }

    public static Cifar10Images load(DataDirectory dir) {
        return load(dir.require(FILE, "CIFAR-10 images in binary record layout, the proxy's input batch"));
    }

    public static Cifar10Images load(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length % RECORD != 0) {
                throw new IllegalArgumentException(file + " is not a CIFAR-10 binary file: its size " + bytes.length
                        + " is not a multiple of the " + RECORD + "-byte record");
            }
            return new Cifar10Images(bytes, file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Loads the images a proxy's settings were made with: {@code file} (null: the data directory's)
     * must have the recorded {@code fingerprint}.
     *
     * @throws IllegalArgumentException naming both fingerprints when the images differ
     */
    public static Cifar10Images loadMatching(Path file, String fingerprint) {
        Cifar10Images imgs = file != null ? load(file) : load();
        if (!imgs.fingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("Images " + imgs.source() + " (" + imgs.fingerprint()
                    + ") are not the ones the settings were made with (" + fingerprint + ")");
        }
        return imgs;
    }

    public int size() {
        return count;
    }

    /** Identifies the image data (record count and CRC-32), so cached scores name their input. */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) { // the images never change: checksum them once (every proxy's settings carry it)
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            f = fingerprint = "cifar10:" + count + ":" + Long.toHexString(crc.getValue());
        }
        return f;
    }

    public int label(int index) {
        return data[index * RECORD] & 0xff;
    }

    /** Pixel value 0..255 of image {@code index}, channel {@code c}, row {@code i}, column {@code j}. */
    public int pixel(int index, int c, int i, int j) {
        return data[index * RECORD + 1 + (c * SIDE + i) * SIDE + j] & 0xff;
    }
}
