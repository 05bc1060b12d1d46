package io.gennas4j.bench;

import com.google.gson.GsonBuilder;
import io.gennas4j.Gennas4j;
import io.gennas4j.benchmark.Nb101Table;
import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.benchmark.TransNasTable;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.ranking.ProxyPanel;
import io.gennas4j.running.ArchitectureList;
import io.gennas4j.running.ProgressListener;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.running.ScoringRunner;
import io.gennas4j.running.Shard;
import io.gennas4j.space.Architecture;
import io.gennas4j.space.SearchSpace;
import io.gennas4j.space.SearchSpaces;
import io.gennas4j.space.nb201.Nb201Space;
import io.gennas4j.space.transnas.TransNasSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * {@code environment/score}: scores any list of architectures with one proxy and writes
 * {@code arch,score,seconds,error} as CSV, with the proxy's settings and the list's provenance in a
 * JSON side file ({@code <out>.settings.json}). {@code --shard i/n} scores the i-th of n
 * contiguous slices, so n machines split one list without coordination; the slices' CSVs
 * concatenate to one run's.
 */
public final class ScoreCommand {

    static final String USAGE = """
            Usage: environment/score --space SPACE (--file FILE | --sample S | --all) --proxy NAME [options]
              --space SPACE     nb201 (nb201-functional: ops on all-zero nodes pruned), nb101, transnas-micro,
                                transnas-macro (or their -benchmark builds), nbnlp (NAS-Bench-NLP recipes as JSON)
              --file FILE       one encoding a line (# comments and blank lines skipped; NAS-Bench-101: the
                                CSV's adjacency;ops form or its graph hash); bad lines are reported and skipped
              --sample S        NAS-Bench-201: GenNAS sample S (0, 1, 2; 1,000 each)
              --all             every architecture: NAS-Bench-201's 15,625, NAS-Bench-101's 2,500 labelled
                                cells, TransNAS-Bench-101's labelled codes, NAS-Bench-NLP's 263 labelled cells
              --proxy NAME      gennas, eproxy or a zero-cost measure (grad_norm, snip, grasp, fisher, synflow,
                                jacob_cov, naswot, plain, params, flops)
              --preset P        GenNAS protocol: paper (default) or fast
              --task NAME       GenNAS task: CONF_NB101 (default), CONF_DARTS, CONF_RESNET, CONF_COMBO or a JSON file;
                                on nbnlp: CONF_NLP (default), CONF_NLP_COMBO, ... or an NLP task JSON file
              --lr X            nbnlp: GenNAS's Adam learning rate (default 0.1)
              --seed K          GenNAS/Eproxy seed (default 111)
              --macs-max M      Eproxy's MACs_max where the reference's table has none (TransNAS benchmark builds)
              --shard i/n       score only the i-th of n contiguous slices (1-based)
              --workers N       score in N worker JVMs; 1: in this process; default automatic (one per core
                                once the run repays their start-up)
              --spark MASTER    score as Spark tasks (optional module gennas4j-spark): spark://host:7077, yarn,
                                k8s://..., local-cluster[W,1,MB] (W executor JVMs here, no Spark install needed)
              --cache FILE      read and store scores in this SQLite cache
              --out FILE        the CSV (default reports/score_<space>_<proxy>[_shard<i>of<n>].csv)
            Prints archs=, failed=, skipped_lines=, seconds_per_arch_median=, wall_seconds=, out=.
            """;

    private ScoreCommand() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        try {
            run(options(args));
        } catch (IllegalArgumentException | IOException | io.gennas4j.benchmark.MissingDataException e) {
            fail(e.getMessage());
        } finally {
            io.gennas4j.running.ScoringBackend.closeShared();
        }
    }

    private static void fail(String message) {
        io.gennas4j.running.ScoringBackend.closeShared();
        System.err.println(message + "\n\n" + USAGE);
        System.exit(2);
    }

    /** The list an invocation names, before sharding, with the lines it skipped. */
    static ArchitectureList architectures(Map<String, String> opt, SearchSpace<?> space) throws IOException {
        int sources = (opt.containsKey("file") ? 1 : 0) + (opt.containsKey("sample") ? 1 : 0) + (opt.containsKey("all") ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("Give exactly one of --file FILE, --sample S or --all");
        }
        if (opt.containsKey("file")) {
            Nb101Table[] table = {null};
            return ArchitectureList.read(Paths.get(opt.get("file")), space, line -> {
                if (!space.name().equals("nb101") || !line.matches("[0-9a-f]{32}")) {
                    return Optional.empty();
                }
                if (table[0] == null) {
                    table[0] = Nb101Table.load();
                }
                return table[0].byHash(line);
            });
        }
        List<Architecture> archs = new ArrayList<>();
        if (opt.containsKey("sample")) {
            if (!(space instanceof Nb201Space nb201)) {
                throw new IllegalArgumentException("--sample names a GenNAS NAS-Bench-201 sample; for " + space.name() + " use --file or --all");
            }
            Nb201Table.load().gennasSample(Integer.parseInt(opt.get("sample"))).forEach(a -> archs.add(nb201.of(a)));
        } else if (space instanceof Nb201Space whole) {
            Nb201Table.load().archs().forEach(a -> archs.add(whole.of(a)));
        } else if (space.name().equals("nb101")) {
            archs.addAll(Nb101Table.load().archs());
        } else if (space instanceof TransNasSpace ts) {
            archs.addAll(TransNasTable.load(ts).archs());
        } else if (space.name().equals("nbnlp")) {
            archs.addAll(io.gennas4j.benchmark.NbNlpTable.load().cells());
        } else {
            throw new IllegalArgumentException("--all is not defined for space " + space.name() + "; use --file");
        }
        return new ArchitectureList(archs, List.of());
    }

    static Proxy proxy(Map<String, String> opt) {
        return proxy(opt, opt.get("space"));
    }

    /** The proxy named by {@code --proxy} for the space's architectures (NAS-Bench-NLP: the recurrent proxies). */
    static Proxy proxy(Map<String, String> opt, String space) {
        String name = opt.get("proxy");
        if (name == null) {
            throw new IllegalArgumentException("--proxy NAME is required (gennas, eproxy or a zero-cost measure)");
        }
        ProxyPanel.Builder b = ProxyPanel.builder().setMethods(name).optSeed(Long.parseLong(opt.getOrDefault("seed", "111")))
                .optGennasProtocol(Protocol.byName(opt.getOrDefault("preset", "paper")));
        if ("nbnlp".equals(space)) {
            b.optNlpTask(opt.getOrDefault("task", "CONF_NLP")).optNlpLearningRate(Double.parseDouble(opt.getOrDefault("lr", "0.1")));
        } else {
            b.optGennasTask(opt.getOrDefault("task", "CONF_NB101"));
        }
        if (opt.containsKey("macs-max")) {
            b.optEproxyMacsMax(Double.parseDouble(opt.get("macs-max")));
        }
        return b.build().proxy(name, space);
    }

    /**
     * Runs one invocation (options without their {@code --}).
     *
     * @return the CSV written
     */
    static Path run(Map<String, String> opt) throws IOException {
        if (!opt.containsKey("space")) {
            throw new IllegalArgumentException("--space is required (nb201, nb101, transnas-micro, transnas-macro)");
        }
        SearchSpace<?> space = SearchSpaces.byName(opt.get("space"));
        Shard shard = opt.containsKey("shard") ? Shard.parse(opt.get("shard")) : Shard.ALL;
        ArchitectureList list = architectures(opt, space);
        list.problems().forEach(p -> System.err.println("skipped " + p));
        List<Architecture> chosen = shard.slice(list.archs());
        int workers = Bench.workers(opt);
        Path out = Paths.get(opt.getOrDefault("out", "reports/score_" + space.name() + "_" + opt.get("proxy")
                + (shard.count() > 1 ? "_shard" + shard.index() + "of" + shard.count() : "") + ".csv"));
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long t0 = System.nanoTime();
        Table scores;
        Map<String, String> settings;
        try (Proxy proxy = proxy(opt, space.name());
                ScoreCache cache = opt.containsKey("cache") ? ScoreCache.open(Paths.get(opt.get("cache"))) : null) {
            settings = proxy.settings();
            System.out.println(proxy.name() + " on " + chosen.size() + " " + space.name() + " architectures (shard " + shard
                    + " of " + list.archs().size() + ")");
            ScoringRunner.Builder rb = ScoringRunner.builder().setProxy(proxy).optCache(cache).optProgress(ProgressListener.console(30));
            rb.optWorkers(workers);
            if (opt.containsKey("spark")) {
                // the cache, order and table stay here, on the driver; only the scoring moves
                try (io.gennas4j.running.ScoringBackend spark = io.gennas4j.running.ScoringBackend.open(opt.get("spark"), proxy)) {
                    scores = rb.optBackend(spark).build().run(chosen);
                }
            } else {
                scores = rb.build().run(chosen);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Table written = scores.selectColumns("arch", "score", "seconds", "error");
        written.write().csv(out.toFile());
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("space", space.name());
        side.put("source", opt.containsKey("file") ? "file " + opt.get("file") : opt.containsKey("sample") ? "GenNAS sample " + opt.get("sample") : "all");
        side.put("listed", list.archs().size());
        side.put("skipped_lines", list.problems());
        side.put("shard", shard.toString());
        side.put("scored", written.rowCount());
        side.put("proxy_settings", settings);
        side.put("backend", opt.containsKey("spark") ? "spark " + opt.get("spark") : "workers " + (workers == 0 ? "automatic" : workers));
        side.put("gennas4j_version", Gennas4j.version());
        side.put("finished", Instant.now().toString());
        side.put("wall_seconds", wall);
        Files.writeString(Paths.get(out + ".settings.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(side) + "\n");
        System.out.println("archs=" + written.rowCount());
        System.out.println("failed=" + written.doubleColumn("score").countMissing());
        System.out.println("skipped_lines=" + list.problems().size());
        System.out.println("seconds_per_arch_median=" + Bench.fmt(written.rowCount() == 0 ? Double.NaN : written.doubleColumn("seconds").median()));
        System.out.println("wall_seconds=" + Bench.fmt(wall));
        System.out.println("out=" + out);
        return out;
    }

    /** The options of a command line, checked against the usage text ({@link Options}). */
    static Map<String, String> options(String... args) {
        return Options.parse(args, USAGE, "environment/score", java.util.Set.of("all"));
    }
}
