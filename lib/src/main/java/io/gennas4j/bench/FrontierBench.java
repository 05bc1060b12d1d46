package io.gennas4j.bench;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.ranking.Frontier;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.nb201.Nb201Arch;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code environment/bench frontier}: the cost–quality frontier on a fixed NAS-Bench-201 sample
 * (first N of a GenNAS sample), every protocol with every seed; prints the table and
 * {@code key=value} figures for the paper protocol, the fast preset and the cheapest protocol
 * within the tolerance.
 */
final class FrontierBench {

    static final String USAGE = """
                   environment/bench frontier [--archs N] [--sample S] [--seeds A,B,C] [--protocols LIST]
                                              [--target T] [--tolerance D] [--cache FILE]
                     cost-quality frontier of the regression proxy (CONF_NB101) on the first N (default 200)
                     of GenNAS sample S, each protocol with each seed (default 111,112,113); LIST is `grid`
                     (default: 8 protocols varying cells, channels, iterations, batch, eval interval) or
                     presets / knob labels, e.g. paper,fast,C16-n2-it50-b16-e50; prints frontier_<protocol>_*,
                     cheapest_within=, fast_rho_gap=, fast_cost_ratio= (against paper, tolerance 0.02)
            """;

    private FrontierBench() {}

    static void run(Map<String, String> opt) {
        int archs = Integer.parseInt(opt.getOrDefault("archs", "200"));
        int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
        long[] seeds = Arrays.stream(opt.getOrDefault("seeds", "111,112,113").split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        String list = opt.getOrDefault("protocols", "grid");
        List<Protocol> protocols = list.equals("grid") ? Frontier.defaultGrid()
                : Arrays.stream(list.split(",")).map(Protocol::parse).toList();
        double tolerance = Double.parseDouble(opt.getOrDefault("tolerance", "0.02"));
        String target = opt.getOrDefault("target", "cifar10_test");

        Nb201Table truth = Nb201Table.load();
        List<Nb201Arch> all = truth.gennasSample(sample);
        List<Nb201Arch> chosen = all.subList(0, Math.min(archs, all.size()));
        System.out.printf(Locale.ROOT, "Frontier: %d protocols x %d seeds on the first %d of GenNAS sample %d, |rho| vs %s%n",
                protocols.size(), seeds.length, chosen.size(), sample, target);
        Frontier.Result r;
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            r = Frontier.builder().setArchitectures(chosen).setAccuracies(truth.accuracies()).optTarget(target)
                    .setProtocols(protocols).setSeeds(seeds).optCache(cache).optProgress(ProgressListener.console(60))
                    .optOnStart((p, s) -> System.out.printf(Locale.ROOT, "== %s (%s), seed %d%n", p.name(), p.describe(), s))
                    .build().run();
        }
        System.out.println(r.runsTable().printAll());
        System.out.println(r.table(Protocol.PAPER, tolerance).printAll());
        System.out.println("archs=" + chosen.size());
        System.out.println("seeds=" + seeds.length);
        for (Frontier.Point p : r.points()) {
            String key = "frontier_" + p.protocol().name().replace(' ', '_');
            System.out.println(key + "_rho_mean=" + fmt(p.meanRho()));
            System.out.println(key + "_rho_std=" + fmt(p.stdRho()));
            System.out.println(key + "_s_per_arch=" + fmt(p.secondsPerArch()));
        }
        boolean hasPaper = r.points().stream().anyMatch(p -> p.protocol().equals(Protocol.PAPER));
        if (hasPaper) {
            Frontier.Point paper = r.point(Protocol.PAPER);
            System.out.println("cheapest_within=" + r.cheapestWithin(Protocol.PAPER, tolerance).name().replace(' ', '_'));
            if (r.points().stream().anyMatch(p -> p.protocol().equals(Protocol.FAST))) {
                Frontier.Point fast = r.point(Protocol.FAST);
                System.out.println("fast_rho_gap=" + fmt(fast.meanRho() - paper.meanRho()));
                System.out.println("fast_cost_ratio=" + fmt(fast.secondsPerArch() / paper.secondsPerArch()));
            }
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
