package io.gennas4j.bench;

import io.gennas4j.proxy.Protocol;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.search.NasSearch;
import io.gennas4j.search.NasSearchResult;
import io.gennas4j.search.SearchListener;
import io.gennas4j.search.SearchMethod;
import io.gennas4j.task.TaskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import tech.tablesaw.api.Table;

/**
 * {@code environment/bench search}: end-to-end NAS (GenNAS §5) with each method and seed; prints
 * the chosen architectures' test accuracy (mean and std over seeds) per method and dataset.
 */
final class SearchBench {

    static final String USAGE = """
                   environment/bench search [--space nb201|nb101] [--method M|all] [--seeds N] [--preset P]
                                            [--population P] [--tournament S] [--cycles T] [--cache FILE]
                     end-to-end NAS: regularized evolution / random search with the GenNAS loss, a zero-cost
                     measure or the benchmark's validation accuracy (oracle) as fitness; seeds 1..N (default 10);
                     M: rea-gennas (default), rs-gennas, rea-gennas-2f, rea-naswot, rea-synflow, rea-oracle,
                     rs-oracle, a comma-separated list or all; rea-gennas-2f re-scores the best --refine-top K
                     (default 10) of the rea-gennas search with --refine-protocol P (default on nb201:
                     C8-n1-it100-b16-e100); default budget GenNAS's P=50 S=10 T=400 (450 evaluations);
                     --preset fast (default on nb201) | paper; --iters/--cells/--channels override single knobs;
                     nb101 searches the 2,500 labelled cells with GenNAS's protocol (C=16, 3 cells, 100 it.);
                     --task NAME|file.json, --proxy-seed K (one GenNAS seed for all searches; default: the
                     search seed), --workers N (default one per core), --out DIR (per-search history CSVs, default reports);
                     prints search_<method>_<dataset>_test_mean= and _std=, evals=, seconds_per_search_median=
            """;

    private SearchBench() {}

    static void run(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb201");
        List<SearchMethod> methods = SearchMethod.parse(opt.getOrDefault("method", "rea-gennas"));
        int nSeeds = Integer.parseInt(opt.getOrDefault("seeds", "10"));
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= nSeeds; s++) {
            seeds.add(s);
        }
        NasSearch.Builder b = NasSearch.builder().setSpace(space)
                .optBudget(Integer.parseInt(opt.getOrDefault("population", "50")), Integer.parseInt(opt.getOrDefault("tournament", "10")),
                        Integer.parseInt(opt.getOrDefault("cycles", "400")))
                .optListener(SearchListener.console(60));
        b.optProtocol(io.gennas4j.search.NasSearch.protocol(space, opt.getOrDefault("preset", ""), knob(opt, "channels"),
                knob(opt, "cells"), knob(opt, "iters")));
        if (opt.containsKey("task")) {
            String t = opt.get("task");
            b.optTask(TaskConfig.byNameOrFile(t));
        }
        if (opt.containsKey("refine-protocol") || opt.containsKey("refine-top")) {
            b.optRefine(opt.containsKey("refine-protocol") ? Protocol.parse(opt.get("refine-protocol")) : null,
                    Integer.parseInt(opt.getOrDefault("refine-top", String.valueOf(NasSearch.REFINE_TOP))));
        }
        if (opt.containsKey("proxy-seed")) {
            b.optProxySeed(Long.parseLong(opt.get("proxy-seed")));
        }
        b.optWorkers(Bench.workers(opt));
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        List<NasSearchResult> results;
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            b.optCache(cache);
            try (NasSearch search = b.build()) {
                System.out.printf(Locale.ROOT, "End-to-end search on %s: %s, seeds 1..%d, %d evaluations each, GenNAS protocol %s%n",
                        space, methods, nSeeds, search.evaluations(), search.protocol().describe());
                if (methods.stream().anyMatch(SearchMethod::twoFidelity)) {
                    System.out.printf(Locale.ROOT, "Two-fidelity: the best %d re-scored with %s%n", search.refineTop(),
                            search.refineProtocol().describe());
                }
                results = search.runAll(methods, seeds);
            }
        }
        for (NasSearchResult r : results) {
            r.history().table().write().csv(out.resolve(String.format(Locale.ROOT, "search_%s_%s_seed%d.csv", space, r.method().label(), r.seed())).toFile());
            if (r.refine() != null) {
                r.refine().table().write().csv(out.resolve(String.format(Locale.ROOT, "search_%s_%s_seed%d_refine.csv", space, r.method().label(), r.seed())).toFile());
            }
        }
        Table summary = NasSearch.summary(results);
        System.out.println(summary.printAll());
        System.out.println(NasSearch.chosen(results).printAll());
        System.out.println("evals=" + (results.isEmpty() ? 0 : results.get(0).evaluations()));
        boolean first = true;
        for (var e : NasSearch.byMethod(results).entrySet()) {
            String m = e.getKey().label().replace('-', '_');
            for (String target : e.getValue().get(0).chosenAccuracy().keySet()) {
                DescriptiveStatistics d = new DescriptiveStatistics();
                e.getValue().forEach(r -> d.addValue(r.chosenAccuracy().get(target)));
                String dataset = target.replace("_test", "");
                System.out.println("search_" + m + "_" + dataset + "_test_mean=" + Bench.fmt(d.getMean()));
                System.out.println("search_" + m + "_" + dataset + "_test_std=" + Bench.fmt(d.getN() > 1 ? d.getStandardDeviation() : Double.NaN));
            }
            DescriptiveStatistics sec = new DescriptiveStatistics();
            DescriptiveStatistics wall = new DescriptiveStatistics();
            e.getValue().forEach(r -> {
                sec.addValue(r.searchSeconds());
                wall.addValue(r.wallSeconds());
            });
            System.out.println("search_" + m + "_seconds_per_search_median=" + Bench.fmt(sec.getPercentile(50)));
            System.out.println("search_" + m + "_wall_seconds_per_search_median=" + Bench.fmt(wall.getPercentile(50)));
            if (first) {
                System.out.println("seconds_per_search_median=" + Bench.fmt(sec.getPercentile(50)));
                first = false;
            }
        }
    }

    private static int knob(Map<String, String> opt, String name) {
        return Integer.parseInt(opt.getOrDefault(name, "0"));
    }
}
