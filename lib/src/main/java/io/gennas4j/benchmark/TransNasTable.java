package io.gennas4j.benchmark;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.transnas.TransNasArch;
import io.gennas4j.space.transnas.TransNasSpace;
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
 * TransNAS-Bench-101's ground truth (spec transnas-eproxy.md A.5): per architecture one score for
 * each of seven Taskonomy tasks, <b>higher is better in every column</b> (room_layout is the
 * negated L2 loss). Micro: 4,096 rows, 2,994 distinct score tuples (rows are kept, ties ranked
 * by average rank); macro: 3,255 rows.
 *
 * <pre>{@code
 * TransNasTable t = TransNasTable.load(TransNasSpace.MACRO);
 * double scene = t.score(t.archs().get(0), "class_scene");
 * }</pre>
 */
public final class TransNasTable {

    /** The seven task columns, in file order. */
    public static final List<String> TASKS = List.of(
            "class_scene", "class_object", "jigsaw", "room_layout", "segmentsemantic", "normal", "autoencoder");

    private static final Map<String, String> TITLES = Map.of(
            "class_scene", "scene classification (top-1 %)",
            "class_object", "object classification (top-1 %)",
            "jigsaw", "jigsaw (top-1 %)",
            "room_layout", "room layout (-L2 loss)",
            "segmentsemantic", "semantic segmentation (mIoU %)",
            "normal", "surface normals (SSIM)",
            "autoencoder", "autoencoding (SSIM)");

    private final TransNasSpace space;
    private final Table table;
    private final List<TransNasArch> archs = new ArrayList<>();
    private final Map<String, double[]> byCode = new HashMap<>();

    private TransNasTable(TransNasSpace space, Table table) {
        this.space = space;
        this.table = table;
        for (String task : TASKS) {
            if (!table.columnNames().contains(task)) {
                throw new IllegalArgumentException(table.name() + " has no column '" + task + "'; expected arch," + String.join(",", TASKS));
            }
        }
        for (int r = 0; r < table.rowCount(); r++) {
            TransNasArch a = space.parse(table.stringColumn("arch").get(r));
            double[] v = new double[TASKS.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = table.doubleColumn(TASKS.get(k)).get(r);
            }
            archs.add(a);
            byCode.put(a.encoding(), v);
        }
    }

    /** The file of a space's ground truth, relative to the data directory. */
    public static String file(TransNasSpace space) {
        return space.isMicro() ? "transnas/transnas_micro.csv" : "transnas/transnas_macro.csv";
    }

    /** The table of {@code space} from the data directory ({@link DataDirectory#resolve()}). */
    public static TransNasTable load(TransNasSpace space) {
        return load(DataDirectory.resolve(), space);
    }

    /**
     * @throws MissingDataException naming the file and how to link the data
     * @throws io.gennas4j.space.InvalidArchitectureException for a row whose code is not of {@code space}
     */
    public static TransNasTable load(DataDirectory dir, TransNasSpace space) {
        Path p = dir.require(file(space), "TransNAS-Bench-101 " + (space.isMicro() ? "micro" : "macro") + " ground truth");
        ColumnType[] types = new ColumnType[1 + TASKS.size()];
        types[0] = ColumnType.STRING;
        for (int k = 1; k < types.length; k++) {
            types[k] = ColumnType.DOUBLE;
        }
        Table t = Table.read().usingOptions(CsvReadOptions.builder(p.toFile()).columnTypes(types)
                .tableName("TransNAS-Bench-101 " + (space.isMicro() ? "micro" : "macro")));
        return new TransNasTable(space, t);
    }

    public TransNasSpace space() {
        return space;
    }

    /** The file as read (arch plus the seven task columns). */
    public Table table() {
        return table;
    }

    public int size() {
        return archs.size();
    }

    /** Every labelled architecture, in file order. */
    public List<TransNasArch> archs() {
        return Collections.unmodifiableList(archs);
    }

    /** {@code count} architectures drawn without replacement with {@code seed}, the same for every method. */
    public List<TransNasArch> sample(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("sample size must be >= 1, got " + count);
        }
        List<TransNasArch> shuffled = new ArrayList<>(archs);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }

    /**
     * As {@link #sample(int, long)} (the same codes), as architectures of {@code as}: the same
     * space under another build, e.g. {@link TransNasSpace#MICRO_BENCHMARK}.
     */
    public List<TransNasArch> sample(int count, long seed, TransNasSpace as) {
        if (as.isMicro() != space.isMicro()) {
            throw new IllegalArgumentException("this is the " + table.name() + " table; " + as.name() + " is the other space");
        }
        return sample(count, seed).stream().map(a -> as.parse(a.encoding())).toList();
    }

    /**
     * The score of {@code arch} on {@code task} (higher is better).
     *
     * @throws IllegalArgumentException for an unknown task (naming the seven) or an unlabelled code
     */
    public double score(Architecture arch, String task) {
        int k = TASKS.indexOf(task);
        if (k < 0) {
            throw new IllegalArgumentException("Unknown TransNAS-Bench-101 task '" + task + "'. Tasks: " + String.join(", ", TASKS));
        }
        double[] v = byCode.get(arch.encoding());
        if (v == null) {
            throw new IllegalArgumentException(arch.encoding() + " has no label in " + table.name()
                    + (arch.encoding().equals(TransNasSpace.UNLABELLED_MACRO) ? " (the benchmark never labelled it)" : ""));
        }
        return v[k];
    }

    /**
     * These architectures as rows: {@code arch} then the seven task scores, in the order given.
     *
     * @throws IllegalArgumentException for an unlabelled code
     */
    public Table rows(List<? extends Architecture> chosen) {
        Table t = Table.create(table.name() + ": " + chosen.size() + " architectures", tech.tablesaw.api.StringColumn.create("arch"));
        for (String task : TASKS) {
            t.addColumns(tech.tablesaw.api.DoubleColumn.create(task));
        }
        for (Architecture a : chosen) {
            t.stringColumn("arch").append(a.encoding());
            for (String task : TASKS) {
                t.doubleColumn(task).append(score(a, task));
            }
        }
        return t;
    }

    /** A readable title of a task column. */
    public static String title(String task) {
        return TITLES.getOrDefault(task, task);
    }

    /** The seven tasks as ranking targets for this table's space. */
    public Accuracies accuracies() {
        return accuracies(space);
    }

    /**
     * The seven tasks as ranking targets for architectures of {@code as} (the same codes under
     * another build, e.g. {@link TransNasSpace#MICRO_BENCHMARK}).
     */
    public Accuracies accuracies(TransNasSpace as) {
        if (as.isMicro() != space.isMicro()) {
            throw new IllegalArgumentException("this is the " + table.name() + " table; " + as.name() + " is the other space");
        }
        return Accuracies.of(as.name(), TASKS, TransNasTable::title, this::score);
    }
}
