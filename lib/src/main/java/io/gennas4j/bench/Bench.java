package io.gennas4j.bench;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.ScoringProfile;
import io.gennas4j.ranking.Correlation;
import io.gennas4j.ranking.Nb201Ranking;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.nb201.Nb201Arch;
import io.gennas4j.task.TaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Command-line benchmark: {@code environment/bench nb201 --archs 100 --sample 0 --seed 111}.
 * Scores a fixed NAS-Bench-201 sample and prints {@code key=value} figures as its last lines.
 */
public final class Bench {

    private static final String USAGE = """
            Usage: environment/bench nb201 [options]
                   environment/bench profile [--archs N] [--sample S] [--iters N] [--cells N] [--channels C]
                     where one architecture's scoring time goes (first N of the sample, default 5)
                   environment/bench nb101 [--archs N] [--seed K] [--iters N] [--channels C] [--cache FILE]
                     GenNAS (CONF_NB101) on N cells drawn with seed K from the 2,500 labelled NAS-Bench-101 cells
                   environment/bench baselines --space nb201|nb101 [--archs N] [--sample S] [--seed K] [--measures LIST]
                     zero-cost baselines (grad_norm, snip, grasp, fisher, synflow, jacob_cov, naswot, plain,
                     params, flops) on the first N of GenNAS sample S (nb201, default 1000) or on N cells drawn
                     with seed K from the 2,500 NAS-Bench-101 cells (nb101, default 200, seed 111: the cells of
                     `bench nb101`); prints spearman_<measure>_<target>= for every target
                     --measures a,b   a subset (default all)    --init-seed K   weight-init seed (default 42)
                     --batch B        images per batch (default 64, naswot 128)
                     --channels C --cells N   network size (default the benchmark's: nb201 16/5, nb101 128/3)
            """ + FrontierBench.USAGE + """
              --archs N          architectures from the start of the GenNAS sample (default 100)
              --sample S         GenNAS NAS-Bench-201 sample 0, 1 or 2 (default 0)
              --seed K           proxy seed (default 111)
              --preset P         paper (default) or fast: sets cells, channels, iterations, batch and eval
                                 interval at once (the options below override single knobs)
              --task NAME        CONF_NB101 | CONF_DARTS | CONF_RESNET | CONF_COMBO, or a JSON file (default CONF_NB101)
              --iters N          SGD iterations (paper 100)
              --eval-interval N  eval-mode loss every N iterations (paper 10)
              --cells N          cells per stage (paper 5)
              --channels C       base channels (paper 16)
              --batch B          batch size (paper 16)
              --out DIR          where the scores CSV goes (default reports)
              --workers N        score in N worker JVMs (default 1: in this process)
              --threads T        PyTorch intra-op threads per worker (default 1)
              --pool N           after the run, score the same architectures again with N workers
                                 and print seconds_per_arch_pool= and pool_speedup= (wall time ratio)
              --cache FILE       read and store scores in this SQLite cache (default: none, always train)
            """;

    private Bench() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        if (args[0].equals("profile")) {
            profile(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("baselines")) {
            baselines(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("frontier")) {
            FrontierBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("nb101")) {
            nb101(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (!args[0].equals("nb201")) {
            System.err.println("Unknown benchmark '" + args[0] + "'. Known: nb201, nb101, baselines, frontier, profile\n" + USAGE);
            System.exit(2);
        }
        Map<String, String> opt = options(Arrays.copyOfRange(args, 1, args.length));
        int archs = Integer.parseInt(opt.getOrDefault("archs", "100"));
        int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        String taskArg = opt.getOrDefault("task", "CONF_NB101");
        TaskConfig task = taskArg.endsWith(".json")
                ? TaskConfig.fromJson(Files.readString(Paths.get(taskArg))) : TaskConfig.byName(taskArg);
        Protocol preset = Protocol.byName(opt.getOrDefault("preset", "paper"));
        task = task.withBatchSize(Integer.parseInt(opt.getOrDefault("batch", String.valueOf(preset.batchSize()))));
        NetworkSize size = new NetworkSize(Integer.parseInt(opt.getOrDefault("channels", String.valueOf(preset.channels()))),
                Integer.parseInt(opt.getOrDefault("cells", String.valueOf(preset.cellsPerStage()))));
        int iters = Integer.parseInt(opt.getOrDefault("iters", String.valueOf(preset.iterations())));
        int evalInterval = Integer.parseInt(opt.getOrDefault("eval-interval", String.valueOf(preset.evalInterval())));
        Path out = Paths.get(opt.getOrDefault("out", "reports"));

        Nb201Table truth = Nb201Table.load();
        List<Nb201Arch> sampleArchs = truth.gennasSample(sample);
        List<Nb201Arch> chosen = sampleArchs.subList(0, Math.min(archs, sampleArchs.size()));
        System.out.printf(Locale.ROOT, "Scoring %d NAS-Bench-201 architectures (sample %d), C=%d, %d cells/stage, %d iterations, %s%n",
                chosen.size(), sample, size.channels(), size.cellsPerStage(), iters, taskArg);

        int workers = Integer.parseInt(opt.getOrDefault("workers", "1"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "1"));
        int pool = Integer.parseInt(opt.getOrDefault("pool", "0"));
        Table scores;
        double wall;
        double poolWall = Double.NaN;
        Table poolScores = null;
        try (RegressionProxy proxy = RegressionProxy.builder().setTask(task).optNetworkSize(size)
                .optIterations(iters).optEvalInterval(evalInterval).optSeed(seed).build();
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            long t0 = System.nanoTime();
            ScoringRunner.Builder runner = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.console(30))
                    .optCache(cache);
            if (workers > 1) {
                runner.optWorkers(workers, threads);
            }
            scores = runner.build().run(chosen);
            wall = (System.nanoTime() - t0) / 1e9;
            if (pool > 1) {
                System.out.printf(Locale.ROOT, "Scoring the same %d architectures with %d worker processes%n", chosen.size(), pool);
                long t1 = System.nanoTime();
                poolScores = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.console(30))
                        .optWorkers(pool, threads).build().run(chosen);
                poolWall = (System.nanoTime() - t1) / 1e9;
            }
        }
        Files.createDirectories(out);
        Path csv = out.resolve(String.format(Locale.ROOT, "bench_nb201_s%d_n%d_seed%d_c%d_n%d_it%d.csv",
                sample, chosen.size(), seed, size.channels(), size.cellsPerStage(), iters));
        scores.setName("scores");
        Table written = scores.copy();
        written.column("arch").setName("arch_str");
        written.write().csv(csv.toFile());

        Map<String, String> figures = new LinkedHashMap<>();
        double[] seconds = scores.doubleColumn("seconds").asDoubleArray();
        figures.put("archs", String.valueOf(scores.rowCount()));
        figures.put("failed", String.valueOf(scores.doubleColumn("score").countMissing()));
        figures.put("seconds_per_arch_median", fmt(scores.doubleColumn("seconds").median()));
        figures.put("seconds_per_arch_mean", fmt(Arrays.stream(seconds).average().orElse(Double.NaN)));
        figures.put("seconds_per_arch_wall", fmt(wall / Math.max(1, scores.rowCount())));
        if (poolScores != null) {
            double poolPerArch = poolWall / Math.max(1, poolScores.rowCount());
            figures.put("seconds_per_arch_pool", fmt(poolPerArch));
            figures.put("pool_workers", String.valueOf(pool));
            figures.put("pool_speedup", fmt(wall / Math.max(1, scores.rowCount()) / poolPerArch));
            double maxDiff = 0;
            for (int r = 0; r < Math.min(scores.rowCount(), poolScores.rowCount()); r++) {
                maxDiff = Math.max(maxDiff, Math.abs(scores.doubleColumn("score").get(r) - poolScores.doubleColumn("score").get(r)));
            }
            figures.put("pool_max_score_difference", String.format(Locale.ROOT, "%.3g", maxDiff));
        }
        for (Correlation c : Nb201Ranking.correlations(scores, truth)) {
            String key = c.label().toLowerCase(Locale.ROOT).replace("-", "").replace("imagenet16120", "imagenet16").replace(' ', '_');
            figures.put("spearman_" + key, fmt(c.absSpearman()));
            figures.put("kendall_" + key, fmt(c.absKendall()));
        }
        figures.put("scores_csv", csv.toString());
        figures.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /** Zero-cost baselines on a NAS-Bench-201 GenNAS sample or a NAS-Bench-101 subset. */
    private static void baselines(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb201");
        List<? extends io.gennas4j.space.Architecture> chosen;
        io.gennas4j.benchmark.Accuracies truth;
        String label;
        if (space.equals("nb201")) {
            int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
            Nb201Table t = Nb201Table.load();
            List<Nb201Arch> all = t.gennasSample(sample);
            chosen = all.subList(0, Math.min(Integer.parseInt(opt.getOrDefault("archs", "1000")), all.size()));
            truth = t.accuracies();
            label = "nb201_s" + sample;
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
        int workers = Integer.parseInt(opt.getOrDefault("workers", "1"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "1"));
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        io.gennas4j.ranking.MethodComparison cmp = new io.gennas4j.ranking.MethodComparison();
        List<String> csvs = new java.util.ArrayList<>();
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            for (String m : measures) {
                var b = io.gennas4j.proxy.zerocost.ZeroCostProxy.builder().setMeasure(m.trim())
                        .optSeed(Long.parseLong(opt.getOrDefault("init-seed", "42")));
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
                    if (workers > 1) {
                        runner.optWorkers(workers, threads);
                    }
                    Table scores = runner.build().run(chosen);
                    cmp.add(proxy.name(), scores, truth);
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

    /** GenNAS on a seeded subset of the 2,500 labelled NAS-Bench-101 cells. */
    private static void nb101(Map<String, String> opt) {
        int archs = Integer.parseInt(opt.getOrDefault("archs", "200"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        int iters = Integer.parseInt(opt.getOrDefault("iters", "100"));
        NetworkSize size = new NetworkSize(Integer.parseInt(opt.getOrDefault("channels", "16")), 3);
        io.gennas4j.benchmark.Nb101Table truth = io.gennas4j.benchmark.Nb101Table.load();
        var chosen = truth.sample(archs, seed);
        System.out.printf(Locale.ROOT, "Scoring %d NAS-Bench-101 cells (seed %d), C=%d, %d iterations, CONF_NB101%n",
                chosen.size(), seed, size.channels(), iters);
        Table scores;
        try (RegressionProxy proxy = RegressionProxy.builder().optNetworkSize(size).optIterations(iters).optSeed(seed).build();
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            scores = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30)).build().run(chosen);
        }
        Correlation c = new io.gennas4j.ranking.MethodComparison().add("gennas", scores, truth.accuracies())
                .entry("gennas", io.gennas4j.benchmark.Nb101Table.TARGET).correlation();
        System.out.println("archs=" + scores.rowCount());
        System.out.println("failed=" + scores.doubleColumn("score").countMissing());
        System.out.println("seconds_per_arch_median=" + fmt(scores.doubleColumn("seconds").median()));
        System.out.println("spearman_gennas_nb101=" + fmt(c.absSpearman()));
        System.out.println("kendall_gennas_nb101=" + fmt(c.absKendall()));
    }

    /** Phase breakdown of scoring plus an estimate of the per-op (JNI) overhead. */
    private static void profile(Map<String, String> opt) {
        int archs = Integer.parseInt(opt.getOrDefault("archs", "5"));
        int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
        NetworkSize size = new NetworkSize(Integer.parseInt(opt.getOrDefault("channels", "16")),
                Integer.parseInt(opt.getOrDefault("cells", "5")));
        int iters = Integer.parseInt(opt.getOrDefault("iters", "100"));
        List<Nb201Arch> chosen = Nb201Table.load().gennasSample(sample).subList(0, archs);
        ScoringProfile profile = new ScoringProfile();
        try (RegressionProxy warm = RegressionProxy.builder().optNetworkSize(size).optIterations(2).build()) {
            warm.score(chosen.get(0)); // load the engine and JIT-compile before measuring
        }
        try (RegressionProxy proxy = RegressionProxy.builder().optNetworkSize(size).optIterations(iters).optProfile(profile).build()) {
            for (Nb201Arch a : chosen) {
                proxy.score(a);
            }
        }
        double perOp = jniMicroseconds();
        Table t = profile.table();
        System.out.println(t.printAll());
        double perArch = profile.totalSeconds() / profile.architectures();
        double opsPerArch = profile.arraysPerStep() * iters;
        System.out.printf(Locale.ROOT, "arrays created per training step (forward, loss, noise): %.0f%n", profile.arraysPerStep());
        System.out.printf(Locale.ROOT, "one trivial op through JNI: %.1f us%n", perOp);
        System.out.println("profile_archs=" + profile.architectures());
        System.out.println("profile_seconds_per_arch=" + fmt(perArch));
        for (ScoringProfile.Phase p : ScoringProfile.Phase.values()) {
            System.out.println("profile_" + p.name().toLowerCase(Locale.ROOT) + "_seconds_per_arch="
                    + fmt(profile.seconds(p) / profile.architectures()));
        }
        System.out.println("jni_op_microseconds=" + String.format(Locale.ROOT, "%.2f", perOp));
        System.out.println("forward_ops_per_arch=" + String.format(Locale.ROOT, "%.0f", opsPerArch));
        System.out.println("forward_op_overhead_seconds_per_arch=" + fmt(opsPerArch * perOp / 1e6));
    }

    /** Latency of a trivial NDArray op (1-element in-place add): the fixed cost of one JNI call. */
    private static double jniMicroseconds() {
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var a = m.zeros(new ai.djl.ndarray.types.Shape(1));
            var b = m.ones(new ai.djl.ndarray.types.Shape(1));
            for (int i = 0; i < 20_000; i++) {
                a.addi(b);
            }
            int n = 200_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.addi(b);
            }
            return (System.nanoTime() - t) / 1e3 / n;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("Bad argument '" + args[i] + "'\n" + USAGE);
                System.exit(2);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
