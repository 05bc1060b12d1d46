package io.gennas4j.bench;

import io.gennas4j.proxy.Protocol;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.search.HeldOutComparison;
import io.gennas4j.search.SearchHistory;
import io.gennas4j.search.SearchListener;
import io.gennas4j.search.TaskGenomes;
import io.gennas4j.search.TaskSearch;
import io.gennas4j.task.TaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code environment/bench tasksearch}: proxy-task search (GenNAS §4), then the best task against
 * CONF_NB101 and CONF_COMBO on held-out architectures.
 */
final class TaskSearchBench {

    static final String USAGE = """
                   environment/bench tasksearch [--space nb201|nb101] [--population P] [--tournament S] [--cycles T]
                                                [--preset P] [--seed K] [--heldout-archs N] [--heldout-seeds M]
                                                [--heldout-tasks searched,CONF_NB101,CONF_COMBO]
                     proxy-task search: regularized evolution over task configurations, fitness = |rho| of the GenNAS
                     loss on 20 labelled architectures (nb201: drawn with --labelled-seed (0), disjoint from the first
                     1,000 of GenNAS sample --heldout-sample (0); nb101: the 20 cells of nb101_20_mean.csv); default
                     budget P=10 S=5 T=20 (GenNAS: 50 10 400), --preset fast on nb201 (nb101: C16 n3 it100); then the
                     best task, CONF_NB101 and CONF_COMBO on the first N held-out architectures (default 1000; nb101:
                     200 cells not in the 20) with seeds 1..M (default 3; 0 skips; --heldout-tasks: which tasks,
                     a name or a task JSON file, "searched" = the search's best); writes the best task to
                     --out/tasksearch_<space>_seed<K>.json; prints tasksearch_best_fitness=, best_task_json=,
                     tasksearch_heldout_rho_mean=, conf_nb101_heldout_rho_mean=, conf_combo_heldout_rho_mean=
            """;

    private TaskSearchBench() {}

    static void run(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb201");
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        TaskSearch.Builder b = TaskSearch.builder().setSpace(space)
                .optBudget(Integer.parseInt(opt.getOrDefault("population", "10")), Integer.parseInt(opt.getOrDefault("tournament", "5")),
                        Integer.parseInt(opt.getOrDefault("cycles", "20")))
                .optSeed(seed).optLabelled(20, Long.parseLong(opt.getOrDefault("labelled-seed", "0")))
                .optHeldOutSample(Integer.parseInt(opt.getOrDefault("heldout-sample", "0")))
                .optWorkers(Bench.workers(opt)).optListener(SearchListener.console(60));
        b.optProtocol(io.gennas4j.search.NasSearch.protocol(space, opt.getOrDefault("preset", ""), knob(opt, "channels"),
                knob(opt, "cells"), knob(opt, "iters")));
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            TaskSearch search = b.optCache(cache).build();
            System.out.println(search);
            long t0 = System.nanoTime();
            SearchHistory<TaskConfig> h = search.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            Path json = out.resolve(String.format(Locale.ROOT, "tasksearch_%s_seed%d.json", space, seed));
            Files.writeString(json, h.chosen().toJson());
            h.table().write().csv(out.resolve(String.format(Locale.ROOT, "tasksearch_%s_seed%d_history.csv", space, seed)).toFile());
            System.out.println("tasksearch_evaluations=" + h.evaluations());
            System.out.println("tasksearch_best_fitness=" + Bench.fmt(h.best().fitness()));
            var bestOn20 = search.fitness().metrics(h.chosen());
            System.out.println("tasksearch_best_fitness_ci_low=" + Bench.fmt(bestOn20.absSpearmanInterval().low()));
            System.out.println("tasksearch_best_fitness_ci_high=" + Bench.fmt(bestOn20.absSpearmanInterval().high()));
            System.out.println("tasksearch_labelled_n=" + bestOn20.n());
            System.out.println("tasksearch_seconds=" + Bench.fmt(h.totalSeconds()));
            System.out.println("tasksearch_wall_seconds=" + Bench.fmt(wall));
            System.out.println("best_task_json=" + json);
            int heldSeeds = Integer.parseInt(opt.getOrDefault("heldout-seeds", "3"));
            if (heldSeeds > 0) {
                int n = Integer.parseInt(opt.getOrDefault("heldout-archs", space.equals("nb201") ? "1000" : "200"));
                var archs = search.heldOut().subList(0, Math.min(n, search.heldOut().size()));
                Map<String, TaskConfig> tasks = new LinkedHashMap<>();
                for (String name : opt.getOrDefault("heldout-tasks", "searched,CONF_NB101,CONF_COMBO").split(",")) {
                    tasks.put(name.trim(), name.trim().equals("searched") ? h.chosen() : TaskConfig.byNameOrFile(name.trim()));
                }
                List<Long> seeds = new ArrayList<>();
                for (long s = 1; s <= heldSeeds; s++) {
                    seeds.add(s);
                }
                var truth = space.equals("nb201") ? io.gennas4j.benchmark.Nb201Table.load().accuracies()
                        : io.gennas4j.benchmark.Nb101Table.load().accuracies();
                HeldOutComparison cmp = HeldOutComparison.run(tasks, archs, truth, search.target(), search.protocol(), seeds, cache,
                        Bench.workers(opt));
                tech.tablesaw.api.Table summary = cmp.summary();
                System.out.println(summary.printAll());
                for (int r = 0; r < summary.rowCount(); r++) {
                    String key = summary.stringColumn("task").get(r).equals("searched") ? "tasksearch"
                            : summary.stringColumn("task").get(r).toLowerCase(Locale.ROOT);
                    System.out.println(key + "_heldout_rho_mean=" + Bench.fmt(summary.doubleColumn("|rho| mean").getDouble(r)));
                    System.out.println(key + "_heldout_rho_std=" + Bench.fmt(summary.doubleColumn("|rho| std").getDouble(r)));
                    System.out.println(key + "_heldout_rho_ci_low=" + Bench.fmt(summary.doubleColumn("|rho| low").getDouble(r)));
                    System.out.println(key + "_heldout_rho_ci_high=" + Bench.fmt(summary.doubleColumn("|rho| high").getDouble(r)));
                    System.out.println(key + "_heldout_n=" + summary.intColumn("n").get(r));
                }
                System.out.println("heldout_archs=" + archs.size());
                System.out.println("heldout_seconds_per_arch=" + Bench.fmt(cmp.runs().doubleColumn("s/arch").median()));
            }
        }
    }

    private static int knob(Map<String, String> opt, String name) {
        return Integer.parseInt(opt.getOrDefault(name, "0"));
    }
}
