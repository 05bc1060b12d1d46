package io.gennas4j.benchmark;

import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.space.nbnlp.NlpRecipe;
import io.gennas4j.space.nbnlp.NlpSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * NAS-Bench-NLP's recipes and results as shared here ({@value #FILE}; Klyuchnikov et al., PTB
 * results collected by Serianni &amp; Kalita): 345 rows, of which 313 carry a PTB test
 * log-perplexity (lower is better). Some recipes were trained more than once under different ids:
 * the 313 labelled rows hold 263 distinct cells ({@link NlpRecipe#canonical()}), so a cell can have
 * two results.
 *
 * <p><b>Duplicates.</b> A cell trained more than once is one architecture here (its canonical
 * recipe is its encoding and its cache key), labelled with the <em>mean</em> of its runs'
 * log-perplexities (40 cells have two runs, 5 have three; the runs differ by 0.018 at the median,
 * 0.87 at most): {@link #cells()} are the 263 distinct labelled cells every ranking is computed on.
 *
 * <p><b>Named deviation, ground truth:</b> the file holds each run's <em>final</em> (epoch-50) PTB
 * test log-perplexity; GenNAS's {@code do_search.py} ranks by the best epoch's,
 * exp(min test_losses). The per-epoch losses are not shared here, so ranks can differ where a run's
 * test loss rose before its last epoch.
 */
public final class NbNlpTable {

    public static final String FILE = "nbnlp/nbnlp_recipes.csv";

    /**
     * One row of the file.
     *
     * @param id the benchmark's {@code recepie_id}
     * @param ptbTestLogPerplexity final PTB test log-perplexity, NaN when not trained on PTB
     * @param ptbParameters parameters of the PTB language model, 0 when not trained on PTB
     */
    public record Row(String id, NlpRecipe recipe, double ptbTestLogPerplexity, long ptbParameters) {
        /** Whether this row has a PTB result. */
        public boolean labelled() {
            return !Double.isNaN(ptbTestLogPerplexity);
        }
    }

    /** The ranking target: PTB test, as −log-perplexity so that higher is better like an accuracy. */
    public static final String TARGET = "ptb_test";

    private final Table table;
    private final List<Row> rows = new ArrayList<>();
    private final java.util.Map<String, double[]> runs = new java.util.LinkedHashMap<>(); // canonical -> log-ppl of each run
    private final List<NlpArch> cells = new ArrayList<>();

    private NbNlpTable(Table table) {
        this.table = table;
        for (int r = 0; r < table.rowCount(); r++) {
            String id = table.stringColumn("recepie_id").get(r);
            NlpRecipe recipe;
            try {
                recipe = NlpRecipe.parse(table.stringColumn("recipe_json").get(r));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FILE + " row " + (r + 2) + " (recepie_id " + id + "): " + e.getMessage(), e);
            }
            boolean missing = table.doubleColumn("ptb_test_logppl_final").isMissing(r);
            rows.add(new Row(id, recipe, missing ? Double.NaN : table.doubleColumn("ptb_test_logppl_final").get(r),
                    table.doubleColumn("ptb_num_params").isMissing(r) ? 0L : Math.round(table.doubleColumn("ptb_num_params").getDouble(r))));
        }
        for (Row row : rows) {
            if (!row.labelled()) {
                continue;
            }
            double[] prev = runs.get(row.recipe().canonical());
            if (prev == null) {
                cells.add(new NlpArch(row.recipe()));
                runs.put(row.recipe().canonical(), new double[] {row.ptbTestLogPerplexity()});
            } else {
                double[] more = java.util.Arrays.copyOf(prev, prev.length + 1);
                more[prev.length] = row.ptbTestLogPerplexity();
                runs.put(row.recipe().canonical(), more);
            }
        }
    }

    public static NbNlpTable load() {
        return load(DataDirectory.resolve());
    }

    /** @throws MissingDataException naming the file and how to link the data */
    public static NbNlpTable load(DataDirectory dir) {
        Path p = dir.require(FILE, "NAS-Bench-NLP recipes");
        Table t = Table.read().usingOptions(CsvReadOptions.builder(p.toFile()).columnTypesPartial(
                java.util.Map.of("recepie_id", ColumnType.STRING, "recipe_json", ColumnType.STRING,
                        "ptb_test_logppl_final", ColumnType.DOUBLE, "ptb_num_params", ColumnType.DOUBLE))
                .tableName("NAS-Bench-NLP"));
        return new NbNlpTable(t);
    }

    /** The file as read. */
    public Table table() {
        return table;
    }

    /** Every row, in file order. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The rows with a PTB result (313; 263 distinct cells). */
    public List<Row> labelled() {
        return rows.stream().filter(Row::labelled).toList();
    }

    /** The distinct labelled cells, in file order of their first run (263). */
    public List<NlpArch> cells() {
        return List.copyOf(cells);
    }

    /** The first {@code n} of a seeded shuffle of {@link #cells()} (n above the count: all of them). */
    public List<NlpArch> sample(int n, long seed) {
        List<NlpArch> shuffled = new ArrayList<>(cells);
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(Math.max(n, 0), shuffled.size())));
    }

    /** The space whose sampling and mutation stay within the labelled cells ({@link NlpSpace#over}). */
    public NlpSpace space() {
        return NlpSpace.over(cells);
    }

    /**
     * The PTB test log-perplexity of a cell, the mean over its runs (lower is better).
     *
     * @throws IllegalArgumentException for a cell without a PTB result
     */
    public double logPerplexity(NlpArch cell) {
        double[] r = runs.get(cell.encoding());
        if (r == null) {
            throw new IllegalArgumentException("This NAS-Bench-NLP cell has no PTB result in " + FILE + ": " + cell.encoding());
        }
        return java.util.Arrays.stream(r).average().orElseThrow();
    }

    /** The benchmark's {@code recepie_id} of a cell's first run (null for a cell not in the file). */
    public String id(NlpArch cell) {
        for (Row r : rows) {
            if (r.recipe().canonical().equals(cell.encoding())) {
                return r.id();
            }
        }
        return null;
    }

    /**
     * One row per cell: {@code id} (first recepie_id), {@code nodes}, {@code hidden states} (k),
     * one count column per op, {@code runs}, {@code PTB test log-ppl} (mean over runs) and
     * {@code recurrent params} (of NAS-Bench-NLP's three layers, 400 → 600 → 600 → 400).
     */
    public Table describe(List<NlpArch> cells) {
        Table t = Table.create("NAS-Bench-NLP cells", tech.tablesaw.api.StringColumn.create("id"),
                tech.tablesaw.api.IntColumn.create("nodes"), tech.tablesaw.api.IntColumn.create("hidden states"));
        for (io.gennas4j.space.nbnlp.NlpOp op : io.gennas4j.space.nbnlp.NlpOp.values()) {
            t.addColumns(tech.tablesaw.api.IntColumn.create(op.label()));
        }
        t.addColumns(tech.tablesaw.api.IntColumn.create("runs"), tech.tablesaw.api.DoubleColumn.create("PTB test log-ppl"),
                tech.tablesaw.api.LongColumn.create("recurrent params"));
        for (NlpArch c : cells) {
            t.stringColumn("id").append(id(c));
            t.intColumn("nodes").append(c.recipe().nodes().size());
            t.intColumn("hidden states").append(c.recipe().hiddenTupleSize());
            var counts = c.recipe().opCounts();
            for (io.gennas4j.space.nbnlp.NlpOp op : io.gennas4j.space.nbnlp.NlpOp.values()) {
                t.intColumn(op.label()).append(counts.getOrDefault(op, 0));
            }
            t.intColumn("runs").append(runs(c));
            t.doubleColumn("PTB test log-ppl").append(runs(c) == 0 ? Double.NaN : logPerplexity(c));
            t.longColumn("recurrent params").append(c.model(1).recurrentParameterCount());
        }
        return t;
    }

    /** How many PTB runs the cell has (0 for an unlabelled one). */
    public int runs(NlpArch cell) {
        double[] r = runs.get(cell.encoding());
        return r == null ? 0 : r.length;
    }

    /**
     * The ranking target {@value #TARGET}: −(mean PTB test log-perplexity), so that a proxy that
     * predicts a lower perplexity has a positive ρ in its own direction, as against an accuracy.
     */
    public Accuracies accuracies() {
        return Accuracies.of("nbnlp", List.of(TARGET), t -> "PTB test (-log perplexity)",
                (arch, t) -> -logPerplexity(Accuracies.as(arch, NlpArch.class, "a NAS-Bench-NLP cell")));
    }
}
