package io.gennas4j.bench;

import io.gennas4j.benchmark.TransNasTable;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.ProxyPanel;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.transnas.TransNasArch;
import io.gennas4j.space.transnas.TransNasBuild;
import io.gennas4j.space.transnas.TransNasSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** {@code environment/bench transnas}: proxies against the seven TransNAS-Bench-101 tasks. */
final class TransNasBench {

    static final String USAGE = """
                   environment/bench transnas --space micro|macro [--archs N] [--seed K] [--methods LIST]
                                              [--build eproxy|benchmark] [--preset P] [--task NAME] [--cache FILE]
                     GenNAS, Eproxy and zero-cost baselines on N architectures (default 500) drawn with seed K
                     (default 111) from the labelled codes of the micro (4,096) or macro (3,255) space, ranked
                     against all seven tasks (class_scene, class_object, jigsaw, room_layout, segmentsemantic,
                     normal, autoencoder; higher is better in each). Networks: full width (64, 2 per module) at
                     32x32 CIFAR-10 input, built as Eproxy builds them (41414 -> 41412) unless --build benchmark.
                     --methods  default gennas,eproxy and every zero-cost measure; gennas runs --preset (default
                     fast) on --task (default CONF_NB101). Prints spearman_<method>_<task>= (|rho|) with its
                     interval, spearman_aligned_<method>_<task>= (rho in the method's own direction: > 0 ranks
                     as claimed), kendall_<method>_<task>=, seconds_per_arch_<method>=; writes
                     --out/transnas_<space>_comparison.csv
            """;

    private TransNasBench() {}

    static TransNasSpace space(String name, String build) {
        boolean micro = switch (name) {
            case "micro", "transnas-micro" -> true;
            case "macro", "transnas-macro" -> false;
            default -> throw new IllegalArgumentException("--space is micro or macro, not '" + name + "'");
        };
        TransNasBuild b = switch (build) {
            case "eproxy" -> TransNasBuild.EPROXY;
            case "benchmark" -> TransNasBuild.BENCHMARK;
            default -> throw new IllegalArgumentException("--build is eproxy or benchmark, not '" + build + "'");
        };
        return (micro ? TransNasSpace.MICRO : TransNasSpace.MACRO).withBuild(b);
    }

    static void run(Map<String, String> opt) throws IOException {
        TransNasSpace space = space(opt.getOrDefault("space", "macro"), opt.getOrDefault("build", "eproxy"));
        int n = Integer.parseInt(opt.getOrDefault("archs", "500"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        TransNasTable table = TransNasTable.load(space.withBuild(TransNasBuild.EPROXY));
        List<TransNasArch> chosen = table.sample(n, seed).stream().map(a -> space.parse(a.encoding())).toList();
        String methods = opt.getOrDefault("methods",
                "gennas,eproxy," + String.join(",", io.gennas4j.proxy.zerocost.ZeroCostMeasures.names()));
        ProxyPanel panel = ProxyPanel.builder().setMethods(methods).optSeed(seed)
                .optGennasProtocol(Protocol.byName(opt.getOrDefault("preset", "fast")))
                .optGennasTask(opt.getOrDefault("task", "CONF_NB101")).build();
        System.out.println(panel + " on " + chosen.size() + " " + space.name() + " architectures (sample seed " + seed + ")");
        MethodComparison cmp;
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            cmp = panel.score(chosen, table.accuracies(space), cache);
        }
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        Path csv = out.resolve("transnas_" + space.name() + "_comparison.csv");
        cmp.table().write().csv(csv.toFile());
        System.out.println(cmp.wide("|spearman|").printAll());
        System.out.println("space=" + space.name());
        System.out.println("archs=" + chosen.size());
        cmp.figures().forEach(System.out::println);
        for (MethodComparison.Entry e : cmp.entries()) {
            System.out.println("spearman_aligned_" + e.method() + "_" + e.target() + "=" + Bench.fmt(e.metrics().alignedSpearman()));
        }
        for (String m : panel.methods()) {
            cmp.entries().stream().filter(e -> e.method().equals(m)).findFirst()
                    .ifPresent(e -> System.out.println("seconds_per_arch_" + m + "=" + Bench.fmt(e.secondsPerArch())));
        }
        System.out.println("comparison_csv=" + csv);
    }
}
