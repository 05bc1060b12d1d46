package io.gennas4j.bench;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.Nb201Ranking;
import io.gennas4j.ranking.RankingMetrics;
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
                   environment/bench profile [--archs N] [--sample S] [--preset P] [--iters N] [--cells N] [--channels C]
                     where one architecture's scoring time goes (first N of the sample, default 5)
                   environment/bench nb101 [--archs N] [--seed K] [--iters N] [--channels C] [--cache FILE]
                     GenNAS (CONF_NB101) on N cells drawn with seed K from the 2,500 labelled NAS-Bench-101 cells
                   environment/bench nlp [--archs N|all] [--seed K] [--task NAME|file.json] [--lr X] [--iters N]
                                         [--methods gennas,grad_norm,...] [--workers N] [--cache FILE]
                     GenNAS (default CONF_NLP, Adam lr 0.1, 100 iterations) and the recurrent zero-cost measures
                     on N of the 263 distinct labelled NAS-Bench-NLP cells (default 40; all: 263), ranked
                     against PTB test log-perplexity; prints spearman_<method>_nlp=, kendall_<method>_nlp=
                   environment/bench nlp --task-search P,S,T [--labelled K] [--heldout M] [--search-iters N] [--lr X]
                     NLP proxy-task search (regularized evolution, fitness |rho| on K labelled cells, default 20,
                     trained N iterations, default 100), then the best task and CONF_NLP on M held-out cells
                   environment/bench baselines --space nb201|nb101 [--archs N|all] [--sample S] [--seed K] [--measures LIST]
                     zero-cost baselines (grad_norm, snip, grasp, fisher, synflow, jacob_cov, naswot, plain,
                     params, flops) on the first N of GenNAS sample S (nb201, default 1000; all: the 15,625) or on N cells drawn
                     with seed K from the 2,500 NAS-Bench-101 cells (nb101, default 200, seed 111: the cells of
                     `bench nb101`); prints spearman_<measure>_<target>= for every target
                     --measures a,b   a subset (default all)    --init-seed K   weight-init seed (default 42)
                     --data-seed K    which images form the batch (default 42)
                     --batch B        images per batch (default 64, naswot 128)
                     --channels C --cells N   network size (default the benchmark's: nb201 16/5, nb101 128/3)
            """ + FrontierBench.USAGE + SearchBench.USAGE + TaskSearchBench.USAGE + EproxyBench.USAGE + TransNasBench.USAGE + """
              --archs N|all      architectures from the start of the GenNAS sample (default 100), or all 15,625
                                 (prints wall_seconds=, peak_rss_mb=, archs_per_core_hour= as every run does)
              --arch-file FILE   score these NAS-Bench-201 architecture strings instead (one a line)
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
              --workers N        score in N worker JVMs; 1: in this process; default automatic: one per core
                                 (GENNAS4J_WORKERS) once the run is long enough to repay their start-up.
                                 Every scorer uses GENNAS4J_INTRA_OP_THREADS PyTorch threads (default 1),
                                 so scores do not depend on N
              --pool N           score in this process first (without the cache), then the same architectures
                                 again with N workers; prints seconds_per_arch_in_process=, seconds_per_arch_pool=,
                                 pool_speedup= (wall-time ratio) and pool_max_score_difference= (0 expected)
              --cache FILE       read and store scores in this SQLite cache (default: none, always train)
            """;

    private Bench() {}

    public static void main(String[] args) throws IOException {
        try {
            dispatch(args);
        } catch (IllegalArgumentException | io.gennas4j.benchmark.MissingDataException e) {
            System.err.println(e.getMessage() + "\n(environment/bench --help lists every option)");
            io.gennas4j.running.ScoringBackend.closeShared();
            System.exit(2);
        } finally {
            io.gennas4j.running.ScoringBackend.closeShared(); // GENNAS4J_SPARK's cluster, if one was opened
        }
    }

    private static void dispatch(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        if (args[0].equals("profile")) {
            ProfileBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("baselines")) {
            BaselinesBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("frontier")) {
            FrontierBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("tasksearch")) {
            TaskSearchBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("search")) {
            SearchBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("eproxy")) {
            EproxyBench.eproxy(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("dps")) {
            EproxyBench.dps(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("transnas")) {
            TransNasBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("nlp")) {
            NlpBench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args[0].equals("nb101")) {
            Nb101Bench.run(options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (!args[0].equals("nb201")) {
            System.err.println("Unknown benchmark '" + args[0] + "'. Known: nb201, nb101, nlp, baselines, frontier, search, tasksearch, eproxy, dps, transnas, profile\n" + USAGE);
            System.exit(2);
        }
        Map<String, String> opt = options(Arrays.copyOfRange(args, 1, args.length));
        boolean all = opt.getOrDefault("archs", "").equals("all");
        int archs = all ? Integer.MAX_VALUE : Integer.parseInt(opt.getOrDefault("archs", "100"));
        int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        String taskArg = opt.getOrDefault("task", "CONF_NB101");
        TaskConfig task = TaskConfig.byNameOrFile(taskArg);
        Protocol protocol = protocol(opt);
        NetworkSize size = protocol.networkSize();
        int iters = protocol.iterations();
        Path out = Paths.get(opt.getOrDefault("out", "reports"));

        Nb201Table truth = Nb201Table.load();
        List<Nb201Arch> sampleArchs = truth.gennasSample(sample);
        List<Nb201Arch> chosen = sampleArchs.subList(0, Math.min(archs, sampleArchs.size()));
        if (all) {
            chosen = truth.archs();
        }
        if (opt.containsKey("arch-file")) {
            chosen = readArchs(Paths.get(opt.get("arch-file")));
        }
        System.out.printf(Locale.ROOT, "Scoring %d NAS-Bench-201 architectures (%s), %s, %s%n",
                chosen.size(), all ? "the whole space" : "sample " + sample, protocol.describe(), taskArg);

        int workers = Bench.workers(opt);
        int pool = Integer.parseInt(opt.getOrDefault("pool", "0"));
        if (pool > 1) {
            workers = 1; // the pool is compared with the in-process scorer
        }
        Table scores;
        boolean higherIsBetter;
        double wall;
        double poolWall = Double.NaN;
        Table poolScores = null;
        ProcessTreeMemory memory = new ProcessTreeMemory(2000);
        try (RegressionProxy proxy = RegressionProxy.builder().setTask(task).optProtocol(protocol).optSeed(seed).build();
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            higherIsBetter = proxy.higherIsBetter();
            long t0 = System.nanoTime();
            ScoringRunner.Builder runner = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.console(30))
                    .optCache(pool > 1 ? null : cache); // the pool pass does not read the cache either
            runner.optWorkers(workers);
            scores = runner.build().run(chosen);
            wall = (System.nanoTime() - t0) / 1e9;
            if (pool > 1) {
                System.out.printf(Locale.ROOT, "Scoring the same %d architectures with %d worker processes%n", chosen.size(), pool);
                long t1 = System.nanoTime();
                poolScores = ScoringRunner.builder().setProxy(proxy).optProgress(ProgressListener.console(30))
                        .optWorkers(pool).build().run(chosen);
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
        // a resumed run reads part of its rows from the cache: per-arch wall time and throughput count only what it scored
        long scored = scores.stringColumn("source").isEqualTo("scored").size();
        figures.put("seconds_per_arch_wall", fmt(wall / Math.max(1, scored)));
        figures.put("wall_seconds", fmt(wall));
        figures.put("peak_rss_mb", String.valueOf(peakRssMb()));
        figures.put("peak_rss_mb_with_workers", String.valueOf(memory.peakMb()));
        memory.close();
        int cores = Runtime.getRuntime().availableProcessors();
        figures.put("cores", String.valueOf(cores));
        figures.put("workers", String.valueOf(workers));
        if (io.gennas4j.running.ScoringBackend.environmentMaster() != null) {
            figures.put("backend", "spark " + io.gennas4j.running.ScoringBackend.environmentMaster()); // workers= does not apply
        }
        figures.put("intra_op_threads", String.valueOf(IntraOpThreads.policy()));
        figures.put("scored_this_run", String.valueOf(scored));
        figures.put("from_cache", String.valueOf(scores.rowCount() - scored));
        figures.put("archs_per_core_hour", fmt(scored / (wall / 3600.0) / cores));
        if (poolScores != null) {
            double poolPerArch = poolWall / Math.max(1, poolScores.rowCount());
            figures.put("seconds_per_arch_in_process", fmt(wall / Math.max(1, scores.rowCount())));
            figures.put("seconds_per_arch_pool", fmt(poolPerArch));
            figures.put("pool_workers", String.valueOf(pool));
            figures.put("pool_speedup", fmt(wall / Math.max(1, scores.rowCount()) / poolPerArch));
            double maxDiff = 0;
            for (int r = 0; r < Math.min(scores.rowCount(), poolScores.rowCount()); r++) {
                maxDiff = Math.max(maxDiff, Math.abs(scores.doubleColumn("score").get(r) - poolScores.doubleColumn("score").get(r)));
            }
            figures.put("pool_max_score_difference", String.format(Locale.ROOT, "%.3g", maxDiff));
        }
        List<Nb201Ranking.Row> rows = Nb201Ranking.rows(scores, truth, higherIsBetter, RankingMetrics.Settings.DEFAULT);
        figures.put("ranked", String.valueOf(rows.get(0).metrics().n()));
        figures.put("degenerate", String.valueOf(rows.get(0).metrics().degenerate()));
        for (Nb201Ranking.Row r : rows) {
            for (String line : MethodComparison.figureLines(r.key(), r.metrics())) {
                int eq = line.indexOf('=');
                figures.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        figures.put("scores_csv", csv.toString());
        figures.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /**
     * NAS-Bench-201 architecture strings, one a line (blank lines and {@code #} comments skipped),
     * read by {@link io.gennas4j.running.ArchitectureList}; the bench refuses a file with a bad line.
     *
     * @throws IllegalArgumentException naming the file and line of a string that does not parse
     */
    static List<Nb201Arch> readArchs(Path file) throws IOException {
        var list = io.gennas4j.running.ArchitectureList.read(file, io.gennas4j.space.nb201.Nb201Space.INSTANCE, null);
        if (!list.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", list.problems()));
        }
        return list.archs().stream().map(a -> (Nb201Arch) a).toList();
    }

    /**
     * The compute knobs: the preset ({@code --preset}, default paper) with any single knob
     * ({@code --channels --cells --iters --batch --eval-interval}) replaced (0: the preset's).
     */
    static Protocol protocol(Map<String, String> opt) {
        return Protocol.byName(opt.getOrDefault("preset", "paper")).overriding(knob(opt, "channels"), knob(opt, "cells"),
                knob(opt, "iters"), knob(opt, "batch"), knob(opt, "eval-interval"));
    }

    /**
     * {@code --workers N}: 1 scores in this process, N &gt; 1 in N worker JVMs; absent or 0:
     * {@link ScoringRunner#AUTOMATIC} (one worker per core, started when a run repays it).
     */
    static int workers(Map<String, String> opt) {
        return opt.containsKey("workers") ? Integer.parseInt(opt.get("workers")) : ScoringRunner.AUTOMATIC;
    }

    private static int knob(Map<String, String> opt, String name) {
        return Integer.parseInt(opt.getOrDefault(name, "0"));
    }

    /** This JVM's peak resident set (VmHWM of /proc/self/status) in MiB, −1 where it cannot be read. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The options of a subcommand, checked against this usage text ({@link Options}). */
    static Map<String, String> options(String[] args) {
        return Options.parse(args, USAGE, "environment/bench", java.util.Set.of());
    }
}
