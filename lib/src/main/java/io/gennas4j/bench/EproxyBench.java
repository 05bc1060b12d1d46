package io.gennas4j.bench;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.EproxyProxy;
import io.gennas4j.ranking.Correlation;
import io.gennas4j.ranking.MethodComparison;
import io.gennas4j.ranking.RankCorrelation;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.search.Dps;
import io.gennas4j.search.SearchHistory;
import io.gennas4j.search.SearchListener;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * {@code environment/bench eproxy} (Eproxy on a NAS-Bench-101 subset or a NAS-Bench-201 sample)
 * and {@code environment/bench dps} (Discrete Proxy Search, then the tuned and the default
 * configuration on held-out architectures).
 */
final class EproxyBench {

    static final String USAGE = """
                   environment/bench eproxy --space nb101|nb201 [--archs N] [--sample S] [--seed K] [--config FILE|JSON]
                                            [--channels C --cells N] [--cache FILE] [--workers N]
                     Eproxy (spec 7.2; default configuration: one branch, head 3x3->512, barrier 3x3 512->64,
                     (net + wave_h)[:64], lr 1.2, alpha 0.1, 10 iterations) on N cells drawn with seed K from the
                     2,500 NAS-Bench-101 cells (nb101, default 200, seed 111: the cells of `bench nb101`) or the first
                     N of GenNAS sample S (nb201, default 1000); network at the benchmark's size unless --channels;
                     prints spearman_eproxy_<target>= and kendall_eproxy_<target>= (absolute), corr_eproxy_<target>=
                     (-spearman, Eproxy's sign), spearman_eproxy_loss_only_<target>= (alpha = 0: the MACs term's
                     effect), seconds_per_arch_median=; writes --out/eproxy_<space>_scores.csv
                   environment/bench dps --space nb101|nb201 [--evals N] [--population P] [--tournament S] [--seed K]
                                         [--channels C --cells N] [--heldout N] [--cache FILE] [--workers N]
                     Discrete Proxy Search (spec 7.3): aging evolution over Eproxy configurations, fitness -spearman on
                     20 labelled architectures (nb101: nb101_20_mean.csv); defaults P=40 S=10, 200 evaluations (the
                     paper's); nb101 at C=16 by default (the reference's config_loss_macs_nb101_nas_16c; --channels 128
                     is the benchmark's width, about 50x slower); then the best genome and the default configuration
                     on --heldout (200) held-out architectures at the same size; prints dps_best_fitness=,
                     dps_default_fitness=, dps_heldout_rho=, eproxy_default_heldout_rho=, best_genome_json=, dps_seconds=
            """;

    private EproxyBench() {}

    static NetworkSize size(Map<String, String> opt, String space, boolean dps) {
        if (!opt.containsKey("channels")) {
            return dps && space.equals("nb101") ? new NetworkSize(16, 3) : null;
        }
        int cells = Integer.parseInt(opt.getOrDefault("cells", space.equals("nb101") ? "3" : "5"));
        return new NetworkSize(Integer.parseInt(opt.get("channels")), cells);
    }

    static EproxyConfig config(String arg) throws IOException {
        if (arg == null) {
            return EproxyConfig.defaults();
        }
        return EproxyConfig.fromJson(arg.trim().startsWith("{") ? arg : Files.readString(Path.of(arg)));
    }

    static void eproxy(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb101");
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        List<? extends Architecture> chosen;
        Accuracies truth;
        if (space.equals("nb101")) {
            Nb101Table t = Nb101Table.load();
            chosen = t.sample(Integer.parseInt(opt.getOrDefault("archs", "200")), seed);
            truth = t.accuracies();
        } else if (space.equals("nb201")) {
            Nb201Table t = Nb201Table.load();
            var sample = t.gennasSample(Integer.parseInt(opt.getOrDefault("sample", "0")));
            chosen = sample.subList(0, Math.min(sample.size(), Integer.parseInt(opt.getOrDefault("archs", "1000"))));
            truth = t.accuracies();
        } else {
            throw new IllegalArgumentException("bench eproxy runs on --space nb101 or nb201, not '" + space + "'");
        }
        EproxyConfig config = config(opt.get("config"));
        NetworkSize size = size(opt, space, false);
        EproxyProxy.Builder pb = EproxyProxy.builder().setConfig(config).optSeed(seed);
        if (size != null) {
            pb.optNetworkSize(size);
        }
        System.out.printf(Locale.ROOT, "Eproxy on %d %s architectures, %s, config %s%n", chosen.size(), space,
                size == null ? "benchmark size" : "C=" + size.channels() + " n=" + size.cellsPerStage(), config.toJson());
        Table scores;
        List<ProxyScore> traces;
        try (EproxyProxy proxy = pb.build();
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            ScoringRunner.Builder rb = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30));
            int workers = Bench.workers(opt);
            rb.optWorkers(workers);
            ScoringRunner runner = rb.build();
            scores = runner.run(chosen);
            traces = runner.scores();
        }
        MethodComparison cmp = new MethodComparison().add("eproxy", scores, truth, false);
        Map<String, Double> lossOnly = new HashMap<>();
        for (ProxyScore s : traces) {
            double[] tr = s.trace();
            lossOnly.put(s.arch(), tr.length == 0 ? Double.NaN : tr[tr.length - 1]);
        }
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        Path csv = out.resolve("eproxy_" + space + "_scores.csv");
        scores.write().csv(csv.toFile());
        System.out.println("archs=" + scores.rowCount());
        System.out.println("failed=" + scores.doubleColumn("score").countMissing());
        System.out.println("seconds_per_arch_median=" + Bench.fmt(scores.doubleColumn("seconds").median()));
        cmp.figures().forEach(System.out::println);
        for (String target : truth.targets()) {
            Correlation c = cmp.entry("eproxy", target).correlation();
            System.out.println("corr_eproxy_" + target + "=" + Bench.fmt(-c.spearman()));
            double[] l = new double[chosen.size()];
            double[] a = new double[chosen.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = lossOnly.getOrDefault(chosen.get(i).encoding(), Double.NaN);
                a[i] = truth.accuracy(chosen.get(i), target);
            }
            double rhoLoss = RankCorrelation.spearman(l, a);
            System.out.println("spearman_eproxy_loss_only_" + target + "=" + Bench.fmt(Math.abs(rhoLoss)));
            System.out.println("corr_eproxy_loss_only_" + target + "=" + Bench.fmt(-rhoLoss));
        }
        System.out.println("scores_csv=" + csv);
    }

    static void dps(Map<String, String> opt) throws IOException {
        String space = opt.getOrDefault("space", "nb101");
        long seed = Long.parseLong(opt.getOrDefault("seed", "111"));
        Dps.Builder b = Dps.builder().setSpace(space)
                .optBudget(Integer.parseInt(opt.getOrDefault("population", "40")), Integer.parseInt(opt.getOrDefault("tournament", "10")),
                        Integer.parseInt(opt.getOrDefault("evals", "200")))
                .optSeed(seed).optHeldOut(Integer.parseInt(opt.getOrDefault("heldout", "200")),
                        Integer.parseInt(opt.getOrDefault("heldout-sample", "0")))
                .optWorkers(Bench.workers(opt)).optListener(SearchListener.console(60));
        NetworkSize size = size(opt, space, true);
        if (size != null) {
            b.optNetworkSize(size);
        }
        Path out = Paths.get(opt.getOrDefault("out", "reports"));
        Files.createDirectories(out);
        try (ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            Dps dps = b.optCache(cache).build();
            System.out.println(dps);
            long t0 = System.nanoTime();
            SearchHistory<EproxyConfig> h = dps.run();
            double wall = (System.nanoTime() - t0) / 1e9;
            EproxyConfig best = h.chosen();
            double defaultFitness = dps.fitness().evaluate(List.of(EproxyConfig.defaults())).get(0).value();
            Path json = out.resolve("dps_" + space + "_seed" + seed + ".json");
            Files.writeString(json, best.toJson() + "\n");
            h.table().write().csv(out.resolve("dps_" + space + "_seed" + seed + "_history.csv").toFile());
            Map<String, EproxyConfig> configs = new LinkedHashMap<>();
            configs.put("eproxy default", EproxyConfig.defaults());
            configs.put("eproxy dps", best);
            MethodComparison cmp = dps.heldOutComparison(configs);
            Correlation dc = cmp.entry("eproxy default", dps.target()).correlation();
            Correlation bc = cmp.entry("eproxy dps", dps.target()).correlation();
            System.out.println("dps_evals=" + h.evaluations());
            System.out.println("dps_seconds=" + Bench.fmt(wall));
            System.out.println("dps_best_fitness=" + Bench.fmt(h.best().fitness()));
            System.out.println("dps_default_fitness=" + Bench.fmt(defaultFitness));
            System.out.println("heldout_archs=" + dc.n());
            System.out.println("dps_heldout_rho=" + Bench.fmt(bc.absSpearman()));
            System.out.println("dps_heldout_corr=" + Bench.fmt(-bc.spearman()));
            System.out.println("eproxy_default_heldout_rho=" + Bench.fmt(dc.absSpearman()));
            System.out.println("eproxy_default_heldout_corr=" + Bench.fmt(-dc.spearman()));
            System.out.println("best_genome_json=" + best.toJson());
            System.out.println("best_genome_file=" + json);
        }
    }
}
