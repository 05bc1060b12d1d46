package io.gennas4j.benchmark;

import io.gennas4j.space.nb101.Nb101Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * NAS-Bench-101 ground truth shared here: 2,500 labelled cells ({@value #FILE}, single-run
 * CIFAR-10 accuracy at 108 epochs) or the 20 used for task search ({@value #SEARCH_FILE}, 3-run
 * means). Cells are identified by the benchmark's graph hash.
 */
public final class Nb101Table {

    public static final String FILE = "nb101/nb101_2500.csv";
    public static final String SEARCH_FILE = "nb101/nb101_20_mean.csv";

    private final Table table;
    private final List<Nb101Arch> archs = new ArrayList<>();
    private final Map<String, Double> accuracyByHash = new HashMap<>();

    private Nb101Table(Table table) {
        this.table = table;
        for (int r = 0; r < table.rowCount(); r++) {
            Nb101Arch a = Nb101Arch.parse(table.stringColumn("adjacency_rowmajor").get(r) + ";" + table.stringColumn("ops").get(r));
            archs.add(a);
            accuracyByHash.put(table.stringColumn("hash").get(r), table.doubleColumn("cifar10_acc_108ep").get(r));
        }
    }

    /** The 2,500 labelled cells. */
    public static Nb101Table load() {
        return load(DataDirectory.resolve(), FILE);
    }

    /** The 20 cells GenNAS used for task search. */
    public static Nb101Table loadSearchSet() {
        return load(DataDirectory.resolve(), SEARCH_FILE);
    }

    public static Nb101Table load(DataDirectory dir, String file) {
        Path p = dir.require(file, "NAS-Bench-101 labelled cells");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(p.toFile())
                .columnTypes(new ColumnType[] {ColumnType.STRING, ColumnType.INTEGER, ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE})
                .tableName("NAS-Bench-101"));
        return new Nb101Table(t);
    }

    public Table table() {
        return table;
    }

    public int size() {
        return archs.size();
    }

    /** All cells in file order. */
    public List<Nb101Arch> archs() {
        return List.copyOf(archs);
    }

    /** {@code count} cells drawn without replacement with {@code seed} (reproducible subsets). */
    public List<Nb101Arch> sample(int count, long seed) {
        List<Nb101Arch> shuffled = new ArrayList<>(archs);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }

    /** The labelled cell with this graph hash (the CSV's {@code hash} column), if any. */
    public java.util.Optional<Nb101Arch> byHash(String hash) {
        String h = hash == null ? "" : hash.trim();
        return archs.stream().filter(a -> a.hash().equals(h)).findFirst();
    }

    /** CIFAR-10 accuracy (fraction) of a cell, looked up by its graph hash. */
    public double accuracy(Nb101Arch arch) {
        Double a = accuracyByHash.get(arch.hash());
        if (a == null) {
            throw new IllegalArgumentException("Cell " + arch.encoding() + " (hash " + arch.hash() + ") is not in this table");
        }
        return a;
    }

    /** Target key of the NAS-Bench-101 CIFAR-10 test accuracy. */
    public static final String TARGET = "nb101";

    /** These accuracies as a ranking target ({@value #TARGET}: CIFAR-10 test accuracy). */
    public Accuracies accuracies() {
        return Accuracies.of("nb101", List.of(TARGET), t -> "NAS-Bench-101 CIFAR-10 test",
                (arch, t) -> accuracy(Accuracies.as(arch, io.gennas4j.space.nb101.Nb101Arch.class, "a NAS-Bench-101 cell")));
    }
}
