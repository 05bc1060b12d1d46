package io.gennas4j.bench;

import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.RankingMetrics;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.space.NetworkSize;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/** {@code environment/bench nb101}: GenNAS on a seeded subset of the labelled NAS-Bench-101 cells. */
final class Nb101Bench {

    private Nb101Bench() {}

    /** GenNAS on a seeded subset of the 2,500 labelled NAS-Bench-101 cells. */
    static void run(Map<String, String> opt) {
        int archs = Integer.parseInt(opt.getOrDefault("archs", "200"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        int iters = Integer.parseInt(opt.getOrDefault("iters", "100"));
        NetworkSize size = new NetworkSize(Integer.parseInt(opt.getOrDefault("channels", "16")), 3);
        io.gennas4j.benchmark.Nb101Table truth = io.gennas4j.benchmark.Nb101Table.load();
        var chosen = truth.sample(archs, seed);
        System.out.printf(Locale.ROOT, "Scoring %d NAS-Bench-101 cells (seed %d), C=%d, %d iterations, CONF_NB101%n",
                chosen.size(), seed, size.channels(), iters);
        Table scores;
        boolean higherIsBetter;
        try (RegressionProxy proxy = RegressionProxy.builder().optNetworkSize(size).optIterations(iters).optSeed(seed).build();
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            higherIsBetter = proxy.higherIsBetter();
            scores = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30)).build().run(chosen);
        }
        RankingMetrics m = new MethodComparison().add("gennas", scores, truth.accuracies(), higherIsBetter)
                .entry("gennas", io.gennas4j.benchmark.Nb101Table.TARGET).metrics();
        System.out.println("archs=" + scores.rowCount());
        System.out.println("failed=" + scores.doubleColumn("score").countMissing());
        System.out.println("seconds_per_arch_median=" + Bench.fmt(scores.doubleColumn("seconds").median()));
        System.out.println("ranked=" + m.n());
        System.out.println("degenerate=" + m.degenerate());
        MethodComparison.figureLines("gennas_nb101", m).forEach(System.out::println);
    }
}
