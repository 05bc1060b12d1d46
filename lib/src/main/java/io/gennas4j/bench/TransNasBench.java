package io.gennas4j.bench;

import io.gennas4j.benchmark.TransNasTable;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.ProxyPanel;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.transnas.TransNasArch;
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
                   environment/bench transnas --space micro|macro [--archs N] [--seed K] [--sample-seed K]
                                              [--methods LIST] [--build eproxy|benchmark] [--preset P] [--task NAME]
                                              [--macs-max M] [--cache FILE]
                     GenNAS, Eproxy and zero-cost baselines on N architectures (default 500) drawn with
                     --sample-seed (default: --seed, 111) from the labelled codes of the micro (4,096) or macro
                     (3,255) space, ranked against all seven tasks (class_scene, class_object, jigsaw, room_layout,
                     segmentsemantic, normal, autoencoder; higher is better in each); --seed also seeds GenNAS's and
                     Eproxy's batch and initialisation. Input: 32x32 CIFAR-10 images; networks built as Eproxy
                     builds them (41414 -> 41412) unless --build benchmark; Eproxy and the zero-cost measures at the
                     benchmark's width (64, 2 per module), GenNAS at its --preset's (default fast: C=8, 1 per module)
                     on --task (default CONF_NB101). --methods: default gennas,eproxy and every zero-cost measure.
                     --macs-max: Eproxy's MACs_max (needed with --build benchmark, which the reference's table lacks). Prints spearman_<method>_<task>= (|rho|) with its
                     interval, spearman_aligned_<method>_<task>= (rho in the method's own direction: > 0 ranks
                     as claimed), kendall_<method>_<task>=, seconds_per_arch_<method>=; writes
                     --out (default reports)/<space>_comparison.csv, e.g. transnas-macro_comparison.csv
            """;

    private TransNasBench() {}

    static void run(Map<String, String> opt) throws IOException {
        TransNasSpace space = TransNasSpace.of(opt.getOrDefault("space", "macro"), opt.getOrDefault("build", "eproxy"));
        int n = Integer.parseInt(opt.getOrDefault("archs", "500"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        long sampleSeed = Long.parseLong(opt.getOrDefault("sample-seed", String.valueOf(seed)));
        TransNasTable table = TransNasTable.load(space);
        List<TransNasArch> chosen = table.sample(n, sampleSeed);
        String methods = opt.getOrDefault("methods", "all");
        ProxyPanel.Builder pb = ProxyPanel.builder().setMethods(methods).optSeed(seed);
        if (space.build() == io.gennas4j.space.transnas.TransNasBuild.BENCHMARK && (methods.equals("all") || List.of(methods.split(",")).contains("eproxy"))
                && !opt.containsKey("macs-max")) {
            throw new IllegalArgumentException("Eproxy on --build benchmark needs --macs-max M (the reference's MACs_max table only"
                    + " covers the Eproxy build), or leave eproxy out of --methods");
        }
        if (opt.containsKey("macs-max")) {
            pb.optEproxyMacsMax(Double.parseDouble(opt.get("macs-max")));
        }
        ProxyPanel panel = pb
                .optGennasProtocol(Protocol.byName(opt.getOrDefault("preset", "fast")))
                .optGennasTask(opt.getOrDefault("task", "CONF_NB101")).build();
        System.out.println(panel + " on " + chosen.size() + " " + space.name() + " architectures (sample seed " + sampleSeed + ")");
        MethodComparison cmp;
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            cmp = panel.score(chosen, table.accuracies(space), cache);
        }
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        Path csv = out.resolve(space.name() + "_comparison.csv");
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
