package io.gennas4j.bench;

import io.gennas4j.benchmark.NbNlpTable;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.SequenceRegressionProxy;
import io.gennas4j.proxy.zerocost.RecurrentZeroCostProxy;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.RankingMetrics;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.nbnlp.NlpArch;
import io.gennas4j.task.SequenceTaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * {@code environment/bench nlp}: GenNAS (an NLP task) and the recurrent zero-cost baselines on
 * NAS-Bench-NLP cells, ranked against PTB test log-perplexity (issue 15). Prints
 * {@code spearman_gennas_nlp=}, {@code kendall_gennas_nlp=}, {@code spearman_<measure>_nlp=} and
 * {@code seconds_per_arch_median=} (GenNAS's), with n and bootstrap intervals.
 */
final class NlpBench {

    private NlpBench() {}

    static void run(Map<String, String> opt) throws IOException {
        if (opt.containsKey("task-search")) {
            taskSearch(opt);
            return;
        }
        String archsArg = opt.getOrDefault("archs", "40");
        NbNlpTable truth = NbNlpTable.load();
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        int archs = archsArg.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(archsArg);
        List<NlpArch> cells = truth.sample(archs, seed);
        String taskName = opt.getOrDefault("task", "CONF_NLP");
        SequenceTaskConfig task = SequenceTaskConfig.byNameOrFile(taskName);
        double lr = Double.parseDouble(opt.getOrDefault("lr", "0.1"));
        int iters = Integer.parseInt(opt.getOrDefault("iters", "100"));
        List<String> methods = new ArrayList<>(Arrays.asList(opt.getOrDefault("methods",
                "gennas," + String.join(",", RecurrentZeroCostProxy.MEASURES)).split(",")));
        System.out.printf(Locale.ROOT, "Scoring %d of %d labelled NAS-Bench-NLP cells (seed %d): %s; GenNAS with %s, Adam lr %s, %d iterations%n",
                cells.size(), truth.cells().size(), seed, methods, taskName, lr, iters);
        MethodComparison comparison = new MethodComparison();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("archs", String.valueOf(cells.size()));
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            for (String method : methods) {
                String m = method.trim();
                try (Proxy proxy = m.equals("gennas")
                        ? SequenceRegressionProxy.builder().setTask(task).optLearningRate(lr).optIterations(iters).optSeed(seed).build()
                        : RecurrentZeroCostProxy.builder().setMeasure(m).build()) {
                    System.out.println("== " + m);
                    Table scores = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30))
                            .optWorkers(Bench.workers(opt)).build().run(cells);
                    scores.write().csv(out.resolve(String.format(Locale.ROOT, "bench_nlp_%s_n%d_seed%d.csv", m, cells.size(), seed)).toFile());
                    comparison.add(m, scores, truth.accuracies(), proxy.higherIsBetter());
                    RankingMetrics r = comparison.entry(m, NbNlpTable.TARGET).metrics();
                    String key = m + "_nlp";
                    MethodComparison.figureLines(key, r).forEach(line -> {
                        int eq = line.indexOf('=');
                        figures.put(line.substring(0, eq), line.substring(eq + 1));
                    });
                    figures.put("failed_" + key, String.valueOf(scores.doubleColumn("score").countMissing()));
                    figures.put("seconds_per_arch_median_" + key, Bench.fmt(scores.doubleColumn("seconds").median()));
                    if (m.equals("gennas")) {
                        figures.put("seconds_per_arch_median", Bench.fmt(scores.doubleColumn("seconds").median()));
                        double[] v = scores.doubleColumn("score").asDoubleArray();
                        double f = io.gennas4j.proxy.RegressionProxy.FAILED_LOSS;
                        figures.put("nan_gennas_nlp", String.valueOf(Arrays.stream(v).filter(x -> x >= f && x < f + 1).count()));
                        figures.put("exploded_gennas_nlp", String.valueOf(Arrays.stream(v).filter(x -> x >= f + 1).count()));
                    }
                }
            }
        }
        figures.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        figures.forEach((k, v) -> System.out.println(k + "=" + v));
    }

    /**
     * {@code --task-search P,S,T}: regularized evolution over NLP tasks (spec §4) with fitness
     * |ρ| on {@code --labelled K} cells (default 20) trained for {@code --search-iters N}
     * iterations (default 100), then the best task and CONF_NLP at the full protocol on
     * {@code --heldout M} other cells (default 60). Prints {@code task_search_best_fitness=},
     * {@code spearman_searched_nlp_heldout=} and {@code spearman_conf_nlp_heldout=}.
     */
    static void taskSearch(Map<String, String> opt) throws IOException {
        String[] pst = opt.get("task-search").split(",");
        if (pst.length != 3) {
            throw new IllegalArgumentException("--task-search takes P,S,T (population, tournament, cycles), e.g. 8,3,12");
        }
        NbNlpTable truth = NbNlpTable.load();
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        int labelledCount = Integer.parseInt(opt.getOrDefault("labelled", "20"));
        int heldOutCount = Integer.parseInt(opt.getOrDefault("heldout", "60"));
        int searchIters = Integer.parseInt(opt.getOrDefault("search-iters", "100"));
        double lr = Double.parseDouble(opt.getOrDefault("lr", "0.1"));
        List<NlpArch> all = truth.sample(Integer.MAX_VALUE, seed + 1); // another order than the ranking sample
        if (labelledCount < 3 || labelledCount >= all.size()) {
            throw new IllegalArgumentException("--labelled is between 3 and " + (all.size() - 1) + " (the rest are held out), got " + labelledCount);
        }
        List<NlpArch> labelled = all.subList(0, labelledCount);
        List<NlpArch> heldOut = all.subList(labelledCount, Math.min(all.size(), labelledCount + heldOutCount));
        System.out.printf(Locale.ROOT, "NLP task search: population %s, tournament %s, cycles %s on %d labelled cells (%d iterations, Adam lr %s);"
                + " held out: %d cells%n", pst[0], pst[1], pst[2], labelled.size(), searchIters, lr, heldOut.size());
        Map<String, String> figures = new LinkedHashMap<>();
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            io.gennas4j.search.SequenceTaskFitness inner = io.gennas4j.search.SequenceTaskFitness.builder()
                    .setCells(labelled, truth.accuracies(), NbNlpTable.TARGET).optSeed(seed).optCache(cache).optWorkers(Bench.workers(opt))
                    .optProtocol("it" + searchIters + "-lr" + lr, b -> b.optIterations(searchIters).optLearningRate(lr)).build();
            io.gennas4j.search.Fitness<SequenceTaskConfig> fitness = cache == null ? inner
                    : new io.gennas4j.search.CachedFitness<>(inner, io.gennas4j.search.SequenceTaskGenomes.INSTANCE, cache);
            var history = io.gennas4j.search.RegularizedEvolution.<SequenceTaskConfig>builder()
                    .setGenomes(io.gennas4j.search.SequenceTaskGenomes.INSTANCE).setFitness(fitness)
                    .optPopulation(Integer.parseInt(pst[0].trim())).optTournament(Integer.parseInt(pst[1].trim()))
                    .optCycles(Integer.parseInt(pst[2].trim())).optSeed(seed)
                    .optListener(io.gennas4j.search.SearchListener.console(30)).build().run();
            SequenceTaskConfig best = history.chosen();
            Path out = Paths.get(opt.getOrDefault("out", "reports"));
            Files.createDirectories(out);
            history.table().write().csv(out.resolve("bench_nlp_task_search_history.csv").toFile());
            Files.writeString(out.resolve("bench_nlp_searched_task.json"), best.toJson());
            figures.put("task_search_evaluations", String.valueOf(history.evaluations()));
            figures.put("task_search_best_fitness", Bench.fmt(history.best().fitness()));
            figures.put("task_search_seconds", Bench.fmt(history.totalSeconds()));
            figures.put("searched_task_json", out.resolve("bench_nlp_searched_task.json").toString());
            MethodComparison cmp = new MethodComparison();
            Map<String, SequenceTaskConfig> tasks = new LinkedHashMap<>();
            tasks.put("searched", best);
            tasks.put("conf", SequenceTaskConfig.byName("CONF_NLP"));
            for (var e : tasks.entrySet()) {
                try (SequenceRegressionProxy proxy = SequenceRegressionProxy.builder().setTask(e.getValue()).optLearningRate(lr).optSeed(seed).build()) {
                    System.out.println("== " + e.getKey() + " task on " + heldOut.size() + " held-out cells");
                    Table scores = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30))
                            .optWorkers(Bench.workers(opt)).build().run(heldOut);
                    cmp.add(e.getKey(), scores, truth.accuracies(), false);
                    MethodComparison.figureLines(e.getKey() + "_nlp_heldout", cmp.entry(e.getKey(), NbNlpTable.TARGET).metrics())
                            .forEach(line -> {
                                int eq = line.indexOf('=');
                                figures.put(line.substring(0, eq), line.substring(eq + 1));
                            });
                }
            }
        }
        figures.forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
