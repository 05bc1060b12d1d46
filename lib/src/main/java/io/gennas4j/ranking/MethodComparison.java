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
 * against every target of a benchmark with the whole {@link RankingMetrics} suite (n, signed ρ and
 * τ with bootstrap 95 % intervals, Pearson, top-k precision, BR@K / WR@K). Add one score table per
 * method and space; read back a long table (one row per method, space and target) or a wide one
 * (one row per method).
 *
 * <p>Degenerate scores (not finite, without an error) follow the comparison's
 * {@link DegenerateScores} policy, {@link DegenerateScores#WORST} by default, and the tables count
 * them per method ({@code degenerate}); failed rows (an {@code error}) are always left out and
 * counted ({@code failed}).
 *
 * <pre>{@code
 * MethodComparison cmp = new MethodComparison();
 * cmp.add("synflow", synflowScores, nb201.accuracies());
 * cmp.add("gennas", gennasLosses, nb201.accuracies(), false);   // a loss: lower is better
 * display(Show.html(cmp.wide("|spearman|")));
 * }</pre>
 */
public final class MethodComparison {

    /**
     * One method on one target.
     *
     * @param correlation n, signed ρ and τ (as before the suite; the same numbers as {@code metrics})
     * @param secondsPerArch median seconds per architecture of the method on this space
     * @param metrics the whole suite
     * @param failed architectures whose scoring failed (left out)
     */
    public record Entry(String method, String space, String target, Correlation correlation, double secondsPerArch,
            RankingMetrics metrics, int failed) {}

    private final List<Entry> entries = new ArrayList<>();
    private final RankingMetrics.Settings settings;

    /** A comparison with {@link RankingMetrics.Settings#DEFAULT} (degenerate scores rank worst, 1,000 resamples, seed 0). */
    public MethodComparison() {
        this(RankingMetrics.Settings.DEFAULT);
    }

    /** A comparison with these metric settings (e.g. {@code Settings.DEFAULT.withDegenerate(DegenerateScores.DROP)}). */
    public MethodComparison(RankingMetrics.Settings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    /** The metric settings every entry is computed with. */
    public RankingMetrics.Settings settings() {
        return settings;
    }

    /**
     * Adds a method whose higher scores predict higher accuracy (every zero-cost measure); see
     * {@link #add(String, Table, Accuracies, boolean)}.
     */
    public MethodComparison add(String method, Table scores, Accuracies truth) {
        return add(method, scores, truth, true);
    }

    /**
     * Adds a method's scores (columns {@code arch}, {@code score}, {@code seconds}, and
     * {@code error} as the scoring runner writes them) ranked against every target of
     * {@code truth}. Failed rows are left out; degenerate scores follow the policy.
     *
     * @param higherIsBetter the method's direction ({@link io.gennas4j.proxy.Proxy#higherIsBetter()};
     *     false for the GenNAS loss): it places degenerate scores and orders the top-k metrics
     * @throws IllegalArgumentException for a table without {@code arch}/{@code score} or an
     *     architecture the benchmark does not have
     */
    public MethodComparison add(String method, Table scores, Accuracies truth, boolean higherIsBetter) {
        SearchSpace<?> space = io.gennas4j.space.SearchSpaces.byName(truth.space());
        ScoreTables.Scored scored = ScoreTables.read(scores);
        double[] s = scored.scores();
        var archs = new ArrayList<io.gennas4j.space.Architecture>();
        for (String a : scored.archs()) {
            archs.add(space.parse(a));
        }
        double seconds = scores.doubleColumn("seconds").median();
        for (String target : truth.targets()) {
            double[] acc = new double[s.length];
            for (int r = 0; r < s.length; r++) {
                acc[r] = truth.accuracy(archs.get(r), target);
            }
            RankingMetrics m = RankingMetrics.of(s, acc, higherIsBetter, settings);
            entries.add(new Entry(method, truth.space(), target, m.correlation(truth.title(target)), seconds, m, scored.failed()));
        }
        return this;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Scores {@code archs} with {@code proxy} through the score cache (progress on standard
     * output) and adds the result under {@code method}, in the proxy's own direction.
     *
     * @param cache may be null (always score)
     * @return every architecture's score with its trace, in the order of {@code archs} (failed ones
     *     carry their error)
     */
    public List<io.gennas4j.proxy.ProxyScore> score(String method, io.gennas4j.proxy.Proxy proxy,
            List<? extends io.gennas4j.space.Architecture> archs, Accuracies truth, io.gennas4j.running.ScoreCache cache) {
        io.gennas4j.running.ScoringRunner runner = io.gennas4j.running.ScoringRunner.builder().setProxy(proxy).optCache(cache)
                .optProgress(io.gennas4j.running.ProgressListener.console(30)).build();
        Table t = runner.run(archs);
        add(method, t, truth, proxy.higherIsBetter());
        java.util.Map<String, io.gennas4j.proxy.ProxyScore> byArch = new java.util.HashMap<>();
        runner.scores().forEach(x -> byArch.put(x.arch(), x));
        List<io.gennas4j.proxy.ProxyScore> out = new ArrayList<>();
        for (var a : archs) {
            if (byArch.containsKey(a.encoding())) {
                out.add(byArch.get(a.encoding()));
            }
        }
        return out;
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

    /**
     * One row per method, space and target: n, degenerate and failed counts, signed ρ and τ with
     * their bootstrap intervals, |ρ|, |τ|, Pearson r, precision among the top 1/5/10 %, K, BR@K,
     * WR@K, and the median seconds per architecture.
     */
    public Table table() {
        Table t = Table.create("Rank correlation per method (" + settings.degenerate() + " degenerate scores, bootstrap "
                + settings.resamples() + " resamples, seed " + settings.seed() + ")",
                StringColumn.create("method"), StringColumn.create("space"), StringColumn.create("target"));
        MetricsColumns.add(t);
        t.addColumns(DoubleColumn.create("seconds_per_arch"));
        for (Entry e : entries) {
            t.stringColumn("method").append(e.method());
            t.stringColumn("space").append(e.space());
            t.stringColumn("target").append(e.target());
            MetricsColumns.append(t, e.metrics(), e.failed(), false);
            t.doubleColumn("seconds_per_arch").append(e.secondsPerArch());
        }
        return t;
    }

    /**
     * One row per method, one column per target with the chosen value ({@code spearman},
     * {@code kendall}, {@code |spearman|}, {@code |kendall|} or {@code pearson}), each followed by
     * its bootstrap interval ({@code <target> low}, {@code <target> high}; for |·| the image of the
     * signed interval, none for Pearson), then n and the number of degenerate scores per space
     * ({@code n <space>}, {@code degenerate <space>}) and seconds per architecture per space.
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
        if (!VALUES.contains(value)) {
            throw new IllegalArgumentException("Unknown value '" + value + "': use one of " + VALUES);
        }
        boolean interval = !value.equals("pearson");
        Set<String> methods = new LinkedHashSet<>();
        Set<String> spaces = new LinkedHashSet<>();
        for (Entry e : entries) {
            methods.add(e.method());
            spaces.add(e.space());
        }
        Table t = Table.create(value + " per method and target", StringColumn.create("method"));
        for (String target : targets) {
            t.addColumns(DoubleColumn.create(target));
            if (interval) {
                t.addColumns(DoubleColumn.create(target + " low"), DoubleColumn.create(target + " high"));
            }
        }
        for (String space : spaces) {
            t.addColumns(IntColumn.create("n " + space), IntColumn.create("degenerate " + space));
        }
        for (String space : spaces) {
            t.addColumns(DoubleColumn.create("s/arch " + space));
        }
        for (String m : methods) {
            t.stringColumn("method").append(m);
            for (String target : targets) {
                Entry e = entry(m, target);
                t.doubleColumn(target).append(e == null ? Double.NaN : pick(e.metrics(), value));
                if (interval) {
                    ConfidenceInterval ci = e == null ? ConfidenceInterval.undefined(Bootstrap.LEVEL) : interval(e.metrics(), value);
                    t.doubleColumn(target + " low").append(ci.low());
                    t.doubleColumn(target + " high").append(ci.high());
                }
            }
            for (String space : spaces) {
                Entry first = entries.stream().filter(e -> e.method().equals(m) && e.space().equals(space)).findFirst().orElse(null);
                if (first == null) {
                    t.intColumn("n " + space).appendMissing();
                    t.intColumn("degenerate " + space).appendMissing();
                } else {
                    t.intColumn("n " + space).append(first.metrics().n());
                    t.intColumn("degenerate " + space).append(first.metrics().degenerate());
                }
            }
            for (String space : spaces) {
                double sec = entries.stream().filter(e -> e.method().equals(m) && e.space().equals(space))
                        .mapToDouble(Entry::secondsPerArch).findFirst().orElse(Double.NaN);
                t.doubleColumn("s/arch " + space).append(sec);
            }
        }
        return t;
    }

    /**
     * Whether a method ranks against its own direction on a target ({@link RankingMetrics#alignedSpearman()}
     * &lt; 0), e.g. {@code plain}; false when the method or target is absent. Charts mark such methods.
     */
    public boolean negative(String method, String target) {
        Entry e = entry(method, target);
        return e != null && e.metrics().alignedSpearman() < 0;
    }

    /** The values {@link #wide(String)} can show. */
    public static final List<String> VALUES = List.of("spearman", "kendall", "|spearman|", "|kendall|", "pearson");

    private static double pick(RankingMetrics c, String value) {
        return switch (value) {
            case "spearman" -> c.spearman();
            case "kendall" -> c.kendall();
            case "|spearman|" -> c.absSpearman();
            case "|kendall|" -> c.absKendall();
            case "pearson" -> c.pearson();
            default -> throw new IllegalArgumentException("Unknown value '" + value + "': use one of " + VALUES);
        };
    }

    private static ConfidenceInterval interval(RankingMetrics c, String value) {
        return switch (value) {
            case "spearman" -> c.spearmanInterval();
            case "kendall" -> c.kendallInterval();
            case "|spearman|" -> c.absSpearmanInterval();
            case "|kendall|" -> c.absKendallInterval();
            default -> ConfidenceInterval.undefined(Bootstrap.LEVEL);
        };
    }

    /**
     * {@code key=value} lines per method and target: {@code spearman_<method>_<target>=} and
     * {@code kendall_…} (absolute values, as before), {@code spearman_<method>_<target>_ci_low=} /
     * {@code _ci_high=} (the interval of |ρ|), {@code spearman_signed_<method>_<target>=} with its
     * {@code _ci_low} / {@code _ci_high}, {@code kendall_signed_…} and {@code pearson_…} (signed);
     * per method and space {@code seconds_per_arch_<method>_<space>=}, {@code n_…} and
     * {@code degenerate_…}.
     */
    public List<String> figures() {
        List<String> out = new ArrayList<>();
        Set<String> secondsDone = new LinkedHashSet<>();
        for (Entry e : entries) {
            out.addAll(figureLines(e.method() + "_" + e.target(), e.metrics()));
            if (secondsDone.add(e.method() + "_" + e.space())) {
                out.add("seconds_per_arch_" + e.method() + "_" + e.space() + "=" + fmt(e.secondsPerArch()));
                out.add("n_" + e.method() + "_" + e.space() + "=" + e.metrics().n());
                out.add("degenerate_" + e.method() + "_" + e.space() + "=" + e.metrics().degenerate());
            }
        }
        return out;
    }

    /**
     * The figure lines of one metric suite under {@code key} (e.g. {@code cifar10_test} or
     * {@code synflow_cifar10_test}): {@code spearman_<key>=} |ρ|, {@code kendall_<key>=} |τ|,
     * {@code spearman_<key>_ci_low/high=} (|ρ|'s interval), {@code spearman_signed_<key>=} ρ and
     * its {@code _ci_low/high}, {@code kendall_signed_<key>=} τ and its interval, {@code pearson_<key>=},
     * {@code precision_top1/5/10_<key>=} (fractions) and {@code br_at_<K>_<key>=} / {@code wr_at_<K>_<key>=}
     * (true ranks, 1 = the most accurate of the n).
     */
    public static List<String> figureLines(String key, RankingMetrics m) {
        List<String> out = new ArrayList<>();
        out.add("spearman_" + key + "=" + fmt(m.absSpearman()));
        out.add("kendall_" + key + "=" + fmt(m.absKendall()));
        out.add("spearman_" + key + "_ci_low=" + fmt(m.absSpearmanInterval().low()));
        out.add("spearman_" + key + "_ci_high=" + fmt(m.absSpearmanInterval().high()));
        out.add("spearman_signed_" + key + "=" + fmt(m.spearman()));
        out.add("spearman_signed_" + key + "_ci_low=" + fmt(m.spearmanInterval().low()));
        out.add("spearman_signed_" + key + "_ci_high=" + fmt(m.spearmanInterval().high()));
        out.add("kendall_signed_" + key + "=" + fmt(m.kendall()));
        out.add("kendall_signed_" + key + "_ci_low=" + fmt(m.kendallInterval().low()));
        out.add("kendall_signed_" + key + "_ci_high=" + fmt(m.kendallInterval().high()));
        out.add("pearson_" + key + "=" + fmt(m.pearson()));
        // The top end, which a search needs and ρ hides (NASLib's set).
        out.add("precision_top1_" + key + "=" + fmt(m.precisionTop1()));
        out.add("precision_top5_" + key + "=" + fmt(m.precisionTop5()));
        out.add("precision_top10_" + key + "=" + fmt(m.precisionTop10()));
        out.add("br_at_" + m.k() + "_" + key + "=" + m.bestRankAtK());
        out.add("wr_at_" + m.k() + "_" + key + "=" + m.worstRankAtK());
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
