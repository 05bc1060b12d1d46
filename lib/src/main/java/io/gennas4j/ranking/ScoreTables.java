package io.gennas4j.ranking;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Reads a scoring runner's table for the rankings: failed rows out, degenerate scores kept as NaN. */
final class ScoreTables {

    private ScoreTables() {}

    /**
     * The rows that were scored.
     *
     * @param archs architecture encodings
     * @param scores their scores; NaN (a missing value) or ±∞ where the score is degenerate
     * @param failed rows left out because scoring failed (a non-empty {@code error})
     */
    record Scored(List<String> archs, double[] scores, int failed) {}

    /**
     * Reads columns {@code arch} and {@code score}, and {@code error} when present: a row with an
     * error failed and is left out; a row without one whose score is missing or not finite is a
     * degenerate score and kept (as NaN or ±∞).
     *
     * @throws IllegalArgumentException naming a missing column
     */
    static Scored read(Table scores) {
        for (String c : List.of("arch", "score")) {
            if (!scores.columnNames().contains(c)) {
                throw new IllegalArgumentException("A score table needs columns 'arch' and 'score' (as ScoringRunner writes), got "
                        + scores.columnNames());
            }
        }
        StringColumn arch = scores.stringColumn("arch");
        DoubleColumn score = scores.doubleColumn("score");
        StringColumn error = scores.columnNames().contains("error") ? scores.stringColumn("error") : null;
        List<String> archs = new ArrayList<>();
        double[] s = new double[scores.rowCount()];
        int failed = 0;
        for (int r = 0; r < scores.rowCount(); r++) {
            if (error != null && !error.isMissing(r) && !error.get(r).isEmpty()) {
                failed++;
                continue;
            }
            s[archs.size()] = score.isMissing(r) ? Double.NaN : score.get(r);
            archs.add(arch.get(r));
        }
        return new Scored(List.copyOf(archs), java.util.Arrays.copyOf(s, archs.size()), failed);
    }
}
