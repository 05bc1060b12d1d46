package io.gennas4j.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @Test
    void missingFileNamesTheFileAndTheFix(@TempDir Path empty) {
        var e = assertThrows(MissingDataException.class, () -> Nb201Table.load(DataDirectory.at(empty)));
        assertTrue(e.getMessage().contains(empty.resolve("nb201/nb201_accuracies.csv").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(DataDirectory.ENV), e.getMessage());
        e = assertThrows(MissingDataException.class, () -> Cifar10Images.load(DataDirectory.at(empty)));
        assertTrue(e.getMessage().contains("cifar10/test_batch.bin"), e.getMessage());
    }

    @Test
    void truncatedImageFileIsRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.bin");
        Files.write(f, new byte[100]);
        var e = assertThrows(IllegalArgumentException.class, () -> Cifar10Images.load(f));
        assertTrue(e.getMessage().contains("not a multiple of the 3073-byte record"), e.getMessage());
    }

    @Test
    void cifarRecordsDecode(@TempDir Path dir) {
        Cifar10Images images = SyntheticCifar.images(dir, 12);
        assertEquals(12, images.size());
        assertEquals(3, images.label(3));
        assertEquals(11 % 10, images.label(11));
    }

    /** Uses the benchmark data the environment links into data/. */
    @Test
    void nb201TableLooksUpByArchAndIndex() {
        Nb201Table t = Nb201Table.load();
        assertEquals(15_625, t.size());
        String arch0 = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
        assertEquals(arch0, t.arch(0).encoding());
        assertEquals(0, t.index(Nb201Arch.parse(arch0)));
        assertEquals(85.8633, t.accuracy(arch0, Nb201Dataset.CIFAR10, true), 1e-9);
        assertEquals(81.9827, t.accuracy(0, Nb201Dataset.CIFAR10, false), 1e-9);
        assertEquals(26.6333, t.accuracy(0, Nb201Dataset.IMAGENET16, true), 1e-9);
        var sample = t.gennasSample(0);
        assertEquals(1000, sample.size());
        assertEquals(3034, t.index(sample.get(0)));
        assertEquals("|skip_connect~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|nor_conv_1x1~1|skip_connect~2|",
                sample.get(0).encoding());
        var e = assertThrows(IllegalArgumentException.class, () -> t.gennasSample(3));
        assertTrue(e.getMessage().contains("0, 1 and 2"));
    }
}
