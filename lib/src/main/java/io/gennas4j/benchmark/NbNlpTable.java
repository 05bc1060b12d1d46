package io.gennas4j.benchmark;

import io.gennas4j.space.nbnlp.NlpRecipe;
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

    private final Table table;
    private final List<Row> rows = new ArrayList<>();

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

    /** The rows with a PTB result. */
    public List<Row> labelled() {
        return rows.stream().filter(Row::labelled).toList();
    }
}
