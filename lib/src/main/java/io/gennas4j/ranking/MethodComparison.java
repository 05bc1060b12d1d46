package io.gennas4j.ranking;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's comparison table: several methods' scores on the same architectures, ranked
 * against every target of a benchmark. Add one score table per method and space; read back a
 * long table (one row per method, space and target) or a wide one (one row per method).
 *
 * <pre>{@code
 * MethodComparison cmp = new MethodComparison();
 * cmp.add("synflow", synflowScores, nb201.accuracies());
 * display(Show.html(cmp.wide("|spearman|")));
 * }</pre>
 */
public final class MethodComparison {

    /** One method on one target. */
    public record Entry(String method, String space, String target, Correlation correlation, double secondsPerArch) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Adds a method's scores (columns {@code arch}, {@code score}, {@code seconds}) ranked
     * against every target of {@code truth}. Rows with a missing score are skipped.
     */
    public MethodComparison add(String method, Table scores, Accuracies truth) {
        SearchSpace<?> space = io.gennas4j.space.SearchSpaces.byName(truth.space());
        StringColumn arch = scores.stringColumn("arch");
        DoubleColumn score = scores.doubleColumn("score");
        double[] s = new double[scores.rowCount()];
        var archs = new ArrayList<io.gennas4j.space.Architecture>();
        for (int r = 0; r < s.length; r++) {
            s[r] = score.isMissing(r) ? Double.NaN : score.get(r);
            archs.add(space.parse(arch.get(r)));
        }
        double seconds = scores.doubleColumn("seconds").median();
        for (String target : truth.targets()) {
            double[] acc = new double[s.length];
            for (int r = 0; r < s.length; r++) {
                acc[r] = truth.accuracy(archs.get(r), target);
            }
            entries.add(new Entry(method, truth.space(), target, RankCorrelation.of(truth.title(target), s, acc), seconds));
        }
        return this;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entry for a method and target, or null. */
    public Entry entry(String method, String target) {
        for (Entry e : entries) {
            if (e.method().equals(method) && e.target().equals(target)) {
                return e;
            }
        }
        return null;
    }

    /** One row per method, space and target: n, ρ, τ, |ρ|, |τ|, median seconds per architecture. */
    public Table table() {
        Table t = Table.create("Rank correlation per method",
                StringColumn.create("method"), StringColumn.create("space"), StringColumn.create("target"),
                IntColumn.create("n"), DoubleColumn.create("spearman"), DoubleColumn.create("kendall"),
                DoubleColumn.create("|spearman|"), DoubleColumn.create("|kendall|"), DoubleColumn.create("seconds_per_arch"));
        for (Entry e : entries) {
            Correlation c = e.correlation();
            t.stringColumn("method").append(e.method());
            t.stringColumn("space").append(e.space());
            t.stringColumn("target").append(e.target());
            t.intColumn("n").append(c.n());
            t.doubleColumn("spearman").append(c.spearman());
            t.doubleColumn("kendall").append(c.kendall());
            t.doubleColumn("|spearman|").append(c.absSpearman());
            t.doubleColumn("|kendall|").append(c.absKendall());
            t.doubleColumn("seconds_per_arch").append(e.secondsPerArch());
        }
        return t;
    }

    /**
     * One row per method, one column per target with the chosen value ({@code spearman},
     * {@code kendall}, {@code |spearman|} or {@code |kendall|}), plus seconds per architecture
     * per space.
     */
    public Table wide(String value) {
        Set<String> targets = new LinkedHashSet<>();
        for (Entry e : entries) {
            targets.add(e.target());
        }
        return wide(value, List.copyOf(targets));
    }

    /** As {@link #wide(String)}, with only these target columns, in this order. */
    public Table wide(String value, List<String> targets) {
        Set<String> methods = new LinkedHashSet<>();
        Set<String> spaces = new LinkedHashSet<>();
        for (Entry e : entries) {
            methods.add(e.method());
            spaces.add(e.space());
        }
        Table t = Table.create(value + " per method and target", StringColumn.create("method"));
        for (String target : targets) {
            t.addColumns(DoubleColumn.create(target));
        }
        for (String space : spaces) {
            t.addColumns(DoubleColumn.create("s/arch " + space));
        }
        for (String m : methods) {
            t.stringColumn("method").append(m);
            for (String target : targets) {
                Entry e = entry(m, target);
                t.doubleColumn(target).append(e == null ? Double.NaN : pick(e.correlation(), value));
            }
            for (String space : spaces) {
                double sec = entries.stream().filter(e -> e.method().equals(m) && e.space().equals(space))
                        .mapToDouble(Entry::secondsPerArch).findFirst().orElse(Double.NaN);
                t.doubleColumn("s/arch " + space).append(sec);
            }
        }
        return t;
    }

    private static double pick(Correlation c, String value) {
        return switch (value) {
            case "spearman" -> c.spearman();
            case "kendall" -> c.kendall();
            case "|spearman|" -> c.absSpearman();
            case "|kendall|" -> c.absKendall();
            default -> throw new IllegalArgumentException(
                    "Unknown value '" + value + "': use spearman, kendall, |spearman| or |kendall|");
        };
    }

    /** {@code key=value} lines: spearman_&lt;method&gt;_&lt;target&gt;= (absolute) and kendall_…, and seconds. */
    public List<String> figures() {
        List<String> out = new ArrayList<>();
        Set<String> secondsDone = new LinkedHashSet<>();
        for (Entry e : entries) {
            out.add("spearman_" + e.method() + "_" + e.target() + "=" + fmt(e.correlation().absSpearman()));
            out.add("kendall_" + e.method() + "_" + e.target() + "=" + fmt(e.correlation().absKendall()));
            if (secondsDone.add(e.method() + "_" + e.space())) {
                out.add("seconds_per_arch_" + e.method() + "_" + e.space() + "=" + fmt(e.secondsPerArch()));
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
