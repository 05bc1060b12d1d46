package io.gennas4j.benchmark;

import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * NAS-Bench-201 ground truth: all 15,625 cells with their official index and 200-epoch
 * accuracies ({@value #FILE}), and the three 1,000-architecture samples GenNAS used
 * ({@value #SAMPLES_FILE}).
 */
public final class Nb201Table {

    public static final String FILE = "nb201/nb201_accuracies.csv";
    public static final String SAMPLES_FILE = "nb201/nb201_gennas_samples.csv";

    private final Table table;
    private final Map<String, Integer> rowByArch = new HashMap<>();
    private final Map<Integer, Integer> rowByIndex = new HashMap<>();
    private final DataDirectory dir;

    private Nb201Table(Table table, DataDirectory dir) {
        this.table = table;
        this.dir = dir;
        StringColumn arch = table.stringColumn("arch_str");
        IntColumn index = table.intColumn("index");
        for (int r = 0; r < table.rowCount(); r++) {
            rowByArch.put(arch.get(r), r);
            rowByIndex.put(index.get(r), r);
        }
    }

    public static Nb201Table load() {
        return load(DataDirectory.resolve());
    }

    public static Nb201Table load(DataDirectory dir) {
        Path file = dir.require(FILE, "NAS-Bench-201 accuracies of all 15,625 cells");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                .columnTypes(new ColumnType[] {ColumnType.INTEGER, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE,
                        ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE})
                .tableName("NAS-Bench-201"));
        return new Nb201Table(t, dir);
    }

    /** The whole table (index, arch_str, six accuracy columns). */
    public Table table() {
        return table;
    }

    public int size() {
        return table.rowCount();
    }

    /** The benchmark's official index of an architecture. */
    public int index(Nb201Arch arch) {
        return table.intColumn("index").get(row(arch));
    }

    /** The architecture with this official index. */
    public Nb201Arch arch(int index) {
        Integer r = rowByIndex.get(index);
        if (r == null) {
            throw new IllegalArgumentException("No NAS-Bench-201 architecture has index " + index + " (valid: 0..15624)");
        }
        return Nb201Arch.parse(table.stringColumn("arch_str").get(r));
    }

    /** 200-epoch accuracy (%) of an architecture on a dataset, test or validation. */
    public double accuracy(Nb201Arch arch, Nb201Dataset dataset, boolean test) {
        return table.doubleColumn(dataset.column(test)).get(row(arch));
    }

    public double accuracy(String archStr, Nb201Dataset dataset, boolean test) {
        return accuracy(Nb201Arch.parse(archStr), dataset, test);
    }

    public double accuracy(int index, Nb201Dataset dataset, boolean test) {
        return accuracy(arch(index), dataset, test);
    }

    private int row(Nb201Arch arch) {
        Integer r = rowByArch.get(arch.encoding());
        if (r == null) {
            throw new InvalidArchitectureException("Architecture " + arch.encoding() + " is not in " + FILE);
        }
        return r;
    }

    /** Every cell of the space, in the benchmark's index order (15,625 for the full table). */
    public List<Nb201Arch> archs() {
        List<Nb201Arch> out = new java.util.ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(arch(i));
        }
        return out;
    }

    /**
     * One of the three 1,000-architecture samples GenNAS evaluated ({@code nasbench2_1000_s.json}),
     * in their original order.
     */
    public List<Nb201Arch> gennasSample(int sample) {
        if (sample < 0 || sample > 2) {
            throw new IllegalArgumentException("GenNAS NAS-Bench-201 samples are 0, 1 and 2; got " + sample);
        }
        Path file = dir.require(SAMPLES_FILE, "the three GenNAS NAS-Bench-201 samples");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                .columnTypes(new ColumnType[] {ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.STRING}));
        Table s = t.where(t.intColumn("sample").isEqualTo(sample)).sortAscendingOn("position");
        List<Nb201Arch> archs = new ArrayList<>(s.rowCount());
        for (String a : s.stringColumn("arch_str")) {
            archs.add(Nb201Arch.parse(a));
        }
        return archs;
    }

    /**
     * The architectures with their test accuracies (%): columns {@code arch_str},
     * {@code cifar10_test}, {@code cifar100_test}, {@code imagenet16_test}, in the list's order.
     *
     * @throws IllegalArgumentException if an architecture is not in the benchmark
     */
    public tech.tablesaw.api.Table testAccuracies(String title, List<Nb201Arch> archs) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(title, tech.tablesaw.api.StringColumn.create("arch_str"));
        for (Nb201Arch a : archs) {
            t.stringColumn("arch_str").append(a.encoding());
        }
        for (Nb201Dataset d : List.of(Nb201Dataset.CIFAR10, Nb201Dataset.CIFAR100, Nb201Dataset.IMAGENET16)) {
            tech.tablesaw.api.DoubleColumn c = tech.tablesaw.api.DoubleColumn.create(d.key() + "_test");
            archs.forEach(a -> c.append(accuracy(a, d, true)));
            t.addColumns(c);
        }
        return t;
    }

    /** These accuracies as ranking targets: {@code cifar10_test}, {@code cifar10_valid}, … */
    public Accuracies accuracies() {
        java.util.List<String> targets = new java.util.ArrayList<>();
        for (Nb201Dataset d : Nb201Dataset.values()) {
            targets.add(d.column(true));
            targets.add(d.column(false));
        }
        return Accuracies.of("nb201", targets, target -> {
            int cut = target.lastIndexOf('_');
            return Nb201Dataset.fromKey(target.substring(0, cut)).title() + " " + target.substring(cut + 1);
        }, (arch, target) -> {
            int cut = target.lastIndexOf('_');
            return accuracy(Accuracies.as(arch, io.gennas4j.space.nb201.Nb201Arch.class, "a NAS-Bench-201 architecture"),
                    Nb201Dataset.fromKey(target.substring(0, cut)), target.endsWith("_test"));
        });
    }
}
