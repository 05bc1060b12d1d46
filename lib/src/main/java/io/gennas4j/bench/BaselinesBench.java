package io.gennas4j.bench;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/** {@code environment/bench baselines}: zero-cost baselines on a NAS-Bench-201 sample or NAS-Bench-101 subset. */
final class BaselinesBench {

    private BaselinesBench() {}

    /** Zero-cost baselines on a NAS-Bench-201 GenNAS sample or a NAS-Bench-101 subset. */
    static void run(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb201");
        List<? extends io.gennas4j.space.Architecture> chosen;
        io.gennas4j.benchmark.Accuracies truth;
        String label;
        if (space.equals("nb201")) {
            int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
            Nb201Table t = Nb201Table.load();
            truth = t.accuracies();
            if (opt.getOrDefault("archs", "").equals("all")) {
                // the whole space, as the zero-cost paper's table (issue 16 §3)
                chosen = t.archs();
                label = "nb201_all";
            } else {
                List<Nb201Arch> all = t.gennasSample(sample);
                chosen = all.subList(0, Math.min(Integer.parseInt(opt.getOrDefault("archs", "1000")), all.size()));
                label = "nb201_s" + sample;
            }
        } else if (space.equals("nb101")) {
            long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
            io.gennas4j.benchmark.Nb101Table t = io.gennas4j.benchmark.Nb101Table.load();
            chosen = t.sample(Integer.parseInt(opt.getOrDefault("archs", "200")), seed);
            truth = t.accuracies();
            label = "nb101_seed" + seed;
        } else {
            throw new IllegalArgumentException("Unknown search space '" + space + "' for baselines: use nb201 or nb101");
        }
        List<String> measures = opt.containsKey("measures")
                ? Arrays.asList(opt.get("measures").split(","))
                : io.gennas4j.proxy.zerocost.ZeroCostMeasures.names();
        int workers = Bench.workers(opt);
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        io.gennas4j.ranking.MethodComparison cmp = new io.gennas4j.ranking.MethodComparison();
        List<String> csvs = new java.util.ArrayList<>();
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            for (String m : measures) {
                var b = io.gennas4j.proxy.zerocost.ZeroCostProxy.builder().setMeasure(m.trim())
                        .optSeed(Long.parseLong(opt.getOrDefault("init-seed", "42")));
                if (opt.containsKey("data-seed")) {
                    b.optDataSeed(Long.parseLong(opt.get("data-seed")));
                }
                if (opt.containsKey("batch")) {
                    b.optBatchSize(Integer.parseInt(opt.get("batch")));
                }
                if (opt.containsKey("channels") || opt.containsKey("cells")) {
                    NetworkSize def = chosen.get(0).space().benchmarkSize();
                    b.optNetworkSize(new NetworkSize(Integer.parseInt(opt.getOrDefault("channels", String.valueOf(def.channels()))),
                            Integer.parseInt(opt.getOrDefault("cells", String.valueOf(def.cellsPerStage())))));
                }
                try (var proxy = b.build()) {
                    System.out.printf(Locale.ROOT, "%s on %d %s architectures%n", proxy.name(), chosen.size(), space);
                    ScoringRunner.Builder runner = ScoringRunner.builder().setProxy(proxy).optCache(cache)
                            .optProgress(ProgressListener.console(30));
                    runner.optWorkers(workers);
                    Table scores = runner.build().run(chosen);
                    cmp.add(proxy.name(), scores, truth, proxy.higherIsBetter());
                    Path csv = out.resolve("baseline_" + proxy.name() + "_" + label + "_n" + chosen.size() + ".csv");
                    Table written = scores.copy();
                    written.column("arch").setName("arch_str");
                    written.write().csv(csv.toFile());
                    csvs.add(csv.toString());
                }
            }
        }
        System.out.println(cmp.wide("|spearman|").printAll());
        System.out.println("archs=" + chosen.size());
        cmp.figures().forEach(System.out::println);
        System.out.println("scores_csv=" + String.join(",", csvs));
    }
}
