package io.gennas4j.ranking;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.SequenceRegressionProxy;
import io.gennas4j.proxy.zerocost.RecurrentZeroCostProxy;
import io.gennas4j.task.SequenceTaskConfig;
import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.EproxyProxy;
import io.gennas4j.proxy.zerocost.ZeroCostMeasures;
import io.gennas4j.proxy.zerocost.ZeroCostProxy;
import io.gennas4j.running.ScoreCache;
import io.gennas4j.space.Architecture;
import io.gennas4j.task.TaskConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A panel of proxies named the way users name them — {@code gennas}, {@code gennas:TASK} (a
 * published task name or a task JSON file), {@code eproxy} and the zero-cost measures
 * ({@link ZeroCostMeasures#names()}) — scored on the same architectures against every target of a
 * benchmark, one after the other (a {@code == method on space} line and progress on standard
 * output, scores through the cache). What the comparison and TransNAS-Bench-101 notebooks and the
 * TransNAS bench run; several spaces go into one {@link MethodComparison} with
 * {@link #score(List, Accuracies, ScoreCache, MethodComparison)}.
 *
 * <pre>{@code
 * ProxyPanel panel = ProxyPanel.builder().setMethods("gennas,eproxy,synflow,naswot").optSeed(111).build();
 * MethodComparison cmp = panel.score(archs, table.accuracies(), cache);
 * }</pre>
 *
 * GenNAS runs {@link Builder#optGennasProtocol} (default {@link Protocol#FAST}; per space with
 * {@link Builder#optGennasProtocol(String, Protocol)}) on {@link Builder#optGennasTask} (default
 * CONF_NB101, GenNAS's searched task); Eproxy its default configuration
 * ({@link EproxyConfig#defaults()}) or {@link Builder#optEproxyConfig}; the zero-cost measures
 * their reference protocol (spec §6) at the space's benchmark size unless
 * {@link Builder#optZeroCostSize} says otherwise.
 *
 * <p><b>NAS-Bench-NLP</b> ({@code nbnlp}: recurrent cells) takes the same names: {@code gennas}
 * is {@link SequenceRegressionProxy} on {@link Builder#optNlpTask} (default CONF_NLP, Adam
 * {@link Builder#optNlpLearningRate}, 100 iterations), {@code gennas:CONF_NLP_SIN1D_M} one of the
 * NLP tasks, and the measures defined on RNNs ({@link RecurrentZeroCostProxy#MEASURES}) their
 * recurrent versions; a method not defined there (eproxy, naswot, grasp, flops) is skipped with
 * the reason in {@link #skipped()}.
 */
public final class ProxyPanel {

    private final Builder settings;
    private final Map<String, List<ProxyScore>> scores = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> proxySettings = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    /** The space name whose architectures are recurrent cells. */
    static final String NLP_SPACE = "nbnlp";

    private ProxyPanel(Builder b) {
        this.settings = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The method names, in scoring order. */
    public List<String> methods() {
        return List.copyOf(settings.methods);
    }

    /**
     * Builds the proxy a method name stands for (the caller closes it).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Proxy proxy(String method) {
        return proxy(method, null);
    }

    /**
     * Builds the proxy a method name stands for on {@code space} (its per-space protocol and
     * zero-cost size; null: the defaults). The caller closes it.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Proxy proxy(String method, String space) {
        if (NLP_SPACE.equals(space)) {
            return recurrentProxy(method);
        }
        if (method.equals("gennas") || method.startsWith(GENNAS_TASK_PREFIX)) {
            TaskConfig task = method.equals("gennas") ? settings.gennasTask : TaskConfig.byNameOrFile(method.substring(GENNAS_TASK_PREFIX.length()));
            return RegressionProxy.builder().setTask(task).optProtocol(settings.protocolFor(space))
                    .optSeed(settings.seed).build();
        }
        if (method.equals("eproxy")) {
            EproxyProxy.Builder b = EproxyProxy.builder().setConfig(settings.eproxyConfig).optSeed(settings.seed);
            if (settings.eproxyMacsMax != null) {
                b.optMacsMax(settings.eproxyMacsMax);
            }
            return b.build();
        }
        if (ZeroCostMeasures.names().contains(method)) {
            ZeroCostProxy.Builder b = ZeroCostProxy.builder().setMeasure(method);
            if (settings.zeroCostSeed != null) {
                b.optSeed(settings.zeroCostSeed).optDataSeed(settings.zeroCostSeed);
            }
            if (settings.zeroCostBatch > 0) {
                b.optBatchSize(settings.zeroCostBatch);
            }
            io.gennas4j.space.NetworkSize size = space == null ? null : settings.zeroCostSizes.get(space);
            // the benchmark's own size stays the default, so the settings (and cache keys) equal the bench's
            if (size != null && !size.equals(io.gennas4j.space.SearchSpaces.byName(space).benchmarkSize())) {
                b.optNetworkSize(size);
            }
            return b.build();
        }
        throw new IllegalArgumentException("Unknown method '" + method + "'. Known: " + String.join(", ", Builder.known()));
    }

    private Proxy recurrentProxy(String method) {
        String why = notDefinedOnRnns(method);
        if (why != null) {
            throw new IllegalArgumentException(method + " is not defined on recurrent cells: " + why);
        }
        if (method.equals("gennas") || method.startsWith(GENNAS_TASK_PREFIX)) {
            SequenceTaskConfig task = method.equals("gennas") ? settings.nlpTask
                    : SequenceTaskConfig.byNameOrFile(method.substring(GENNAS_TASK_PREFIX.length()));
            return SequenceRegressionProxy.builder().setTask(task).optLearningRate(settings.nlpLearningRate)
                    .optIterations(settings.nlpIterations).optSeed(settings.seed).build();
        }
        RecurrentZeroCostProxy.Builder b = RecurrentZeroCostProxy.builder().setMeasure(method);
        if (settings.zeroCostSeed != null) {
            b.optSeed(settings.zeroCostSeed).optDataSeed(settings.zeroCostSeed);
        }
        return b.build();
    }

    /** Why a method has no recurrent-cell version, or null when it has one. */
    static String notDefinedOnRnns(String method) {
        if (method.equals("gennas") || method.startsWith(GENNAS_TASK_PREFIX) || RecurrentZeroCostProxy.MEASURES.contains(method)) {
            if (method.startsWith(GENNAS_TASK_PREFIX)) {
                try {
                    SequenceTaskConfig.byNameOrFile(method.substring(GENNAS_TASK_PREFIX.length()));
                } catch (RuntimeException e) {
                    return "its task is not an NLP task (" + e.getMessage() + ")";
                }
            }
            return null;
        }
        return switch (method) {
            case "eproxy" -> "Eproxy's barrier convolution and heads are defined for CNN feature maps";
            case "naswot" -> "NASWOT's binary codes are ReLU on/off patterns; recurrent cells use tanh and sigmoid units";
            case "grasp" -> "grasp's Hessian-gradient product back through every time step is not ported";
            case "flops" -> "for a fixed sequence length it orders cells as params does";
            default -> "unknown method";
        };
    }

    /** Methods skipped because they are not defined on a space's architectures, with the reason. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /**
     * Scores {@code archs} with every method and ranks each against every target of
     * {@code truth}; a method's failed architectures are left out of its ρ (and counted).
     *
     * @param cache may be null (always score)
     */
    public MethodComparison score(List<? extends Architecture> archs, Accuracies truth, ScoreCache cache) {
        return score(archs, truth, cache, new MethodComparison());
    }

    /**
     * As {@link #score(List, Accuracies, ScoreCache)}, adding the entries to {@code into}, so that
     * several spaces (each with its own truth) land in one comparison.
     *
     * @return {@code into}
     */
    public MethodComparison score(List<? extends Architecture> archs, Accuracies truth, ScoreCache cache, MethodComparison into) {
        scores.clear();
        for (String m : settings.methods) {
            if (NLP_SPACE.equals(truth.space()) && notDefinedOnRnns(m) != null) {
                String line = m + " on " + truth.space() + ": skipped, " + notDefinedOnRnns(m);
                if (!skipped.contains(line)) {
                    skipped.add(line);
                }
                System.out.println("== " + line);
                continue;
            }
            try (Proxy p = proxy(m, truth.space())) {
                System.out.printf(java.util.Locale.ROOT, "== %s on %s (%d architectures)%n", m, truth.space(), archs.size());
                List<ProxyScore> got = into.score(m, p, archs, truth, cache);
                scores.put(m, got);
                proxySettings.put(m + " / " + truth.space(), p.settings());
                got.stream().filter(x -> !x.ok()).forEach(x -> failures.add(m + " on " + truth.space() + ": " + x.arch() + ": " + x.error()));
            }
        }
        return into;
    }

    /** Every proxy's full settings, keyed {@code method / space}, over all score calls (provenance). */
    public Map<String, Map<String, String>> proxySettings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(proxySettings));
    }

    /** The failed architectures of all score calls, as {@code method on space: arch: error}. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * One row per method: {@code method}, {@code kind} (zero-cost, regression proxy, Eproxy),
     * {@code BatchNorm}, {@code precision} and {@code uses images} (with the batch size).
     */
    public tech.tablesaw.api.Table methodsTable() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("Methods",
                tech.tablesaw.api.StringColumn.create("method"), tech.tablesaw.api.StringColumn.create("kind"),
                tech.tablesaw.api.StringColumn.create("BatchNorm"), tech.tablesaw.api.StringColumn.create("precision"),
                tech.tablesaw.api.StringColumn.create("uses images"));
        for (String m : settings.methods) {
            String[] row;
            if (ZeroCostMeasures.names().contains(m)) {
                var zm = ZeroCostMeasures.byName(m);
                row = new String[] {"zero-cost", zm.batchNorm() ? "on (batch statistics)" : "off", zm.dataType().toString(),
                        zm.usesData() ? "yes (batch " + (settings.zeroCostBatch > 0 ? settings.zeroCostBatch : zm.defaultBatchSize()) + ")" : "no"};
            } else if (m.equals("eproxy")) {
                row = new String[] {"Eproxy (10 SGD iterations, barrier layer)", "on (trained)", "float32", "yes (batch 16, augmented)"};
            } else {
                Protocol p = settings.gennasProtocol;
                row = new String[] {"regression proxy", "on (trained " + p.iterations() + " iterations)", "float32",
                        "yes (batch " + p.batchSize() + ", noised)"};
            }
            t.stringColumn("method").append(m);
            for (int i = 0; i < row.length; i++) {
                t.stringColumn(i + 1).append(row[i]);
            }
        }
        return t;
    }

    /** Each method's scores from the last {@link #score} call, in architecture order. */
    public Map<String, List<ProxyScore>> scores() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /**
     * The last {@link #score} call's scores as a table: {@code arch}, then one column per method
     * (NaN where a method failed on an architecture), in the architectures' order.
     */
    public tech.tablesaw.api.Table scoreTable() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("scores per method", tech.tablesaw.api.StringColumn.create("arch"));
        List<String> archs = new ArrayList<>();
        for (List<ProxyScore> list : scores.values()) {
            for (ProxyScore s : list) {
                if (!archs.contains(s.arch())) {
                    archs.add(s.arch());
                }
            }
        }
        archs.forEach(a -> t.stringColumn("arch").append(a));
        for (var e : scores.entrySet()) {
            Map<String, Double> byArch = new java.util.HashMap<>();
            e.getValue().forEach(s -> byArch.put(s.arch(), s.error() == null ? s.value() : Double.NaN));
            tech.tablesaw.api.DoubleColumn c = tech.tablesaw.api.DoubleColumn.create(e.getKey());
            archs.forEach(a -> c.append(byArch.getOrDefault(a, Double.NaN)));
            t.addColumns(c);
        }
        return t;
    }

    @Override
    public String toString() {
        return "ProxyPanel" + settings.methods + " (gennas: " + settings.gennasTaskName + ", " + settings.gennasProtocol.describe()
                + "; eproxy: " + settings.eproxyConfig.toJson()
                + (settings.eproxyMacsMax == null ? "" : ", MACs_max " + settings.eproxyMacsMax)
                + "; gennas on nbnlp: " + settings.nlpTaskName + ", Adam lr " + settings.nlpLearningRate + ", " + settings.nlpIterations
                + " iterations; seed " + settings.seed + ")";
    }

    /** Method-name prefix naming GenNAS with a task: {@code gennas:CONF_DARTS}, {@code gennas:my_task.json}. */
    public static final String GENNAS_TASK_PREFIX = "gennas:";

    /** Builder: methods required; task, protocol, configuration and seed optional. */
    public static final class Builder {
        private List<String> methods;
        private final Map<String, Protocol> gennasProtocols = new LinkedHashMap<>();
        private final Map<String, io.gennas4j.space.NetworkSize> zeroCostSizes = new LinkedHashMap<>();
        private int zeroCostBatch;
        private Long zeroCostSeed;
        private TaskConfig gennasTask = TaskConfig.byNameOrFile("CONF_NB101");
        private String gennasTaskName = "CONF_NB101";
        private Protocol gennasProtocol = Protocol.FAST;
        private EproxyConfig eproxyConfig = EproxyConfig.defaults();
        private long seed = 111;
        private Double eproxyMacsMax;
        private SequenceTaskConfig nlpTask = SequenceTaskConfig.byName("CONF_NLP");
        private String nlpTaskName = "CONF_NLP";
        private double nlpLearningRate = 0.1;
        private int nlpIterations = 100;

        /** Comma-separated method names, e.g. {@code gennas,eproxy,synflow}; {@code all}: gennas, eproxy and every zero-cost measure. */
        public Builder setMethods(String commaSeparated) {
            if (commaSeparated.trim().equals("all")) {
                return setMethods(known());
            }
            return setMethods(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }

        public Builder setMethods(List<String> names) {
            List<String> known = known();
            for (String n : names) {
                if (n.startsWith(GENNAS_TASK_PREFIX)) {
                    String task = n.substring(GENNAS_TASK_PREFIX.length());
                    try {
                        TaskConfig.byNameOrFile(task); // fails now, naming the task
                    } catch (RuntimeException e) {
                        try {
                            SequenceTaskConfig.byNameOrFile(task); // an NLP task (for nbnlp cells)
                        } catch (RuntimeException nlp) {
                            throw e;
                        }
                    }
                } else if (!known.contains(n)) {
                    throw new IllegalArgumentException("Unknown method '" + n + "'. Known: " + String.join(", ", known));
                }
            }
            if (new java.util.HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("a method is listed twice in " + names + "; list each once");
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("no methods given; known: " + String.join(", ", known));
            }
            this.methods = List.copyOf(names);
            return this;
        }

        /** gennas, eproxy and every zero-cost measure, in scoring order. */
        private static List<String> known() {
            List<String> all = new ArrayList<>(List.of("gennas", "eproxy"));
            all.addAll(ZeroCostMeasures.names());
            return all;
        }

                /** GenNAS's task by published name or JSON file (default CONF_NB101). */
        public Builder optGennasTask(String nameOrFile) {
            this.gennasTask = TaskConfig.byNameOrFile(nameOrFile);
            this.gennasTaskName = nameOrFile;
            return this;
        }

        /** GenNAS's compute protocol (default {@link Protocol#FAST}). */
        public Builder optGennasProtocol(Protocol protocol) {
            this.gennasProtocol = protocol;
            return this;
        }

        /** GenNAS's protocol on one space (by its name, e.g. {@code nb101}), overriding the default there. */
        public Builder optGennasProtocol(String space, Protocol protocol) {
            this.gennasProtocols.put(space, protocol);
            return this;
        }

        /** The zero-cost measures' network size on one space (default: the space's benchmark size). */
        public Builder optZeroCostSize(String space, io.gennas4j.space.NetworkSize size) {
            this.zeroCostSizes.put(space, size);
            return this;
        }

        /** The zero-cost measures' batch size (0, the default: each measure's reference value, 64 or NASWOT's 128). */
        public Builder optZeroCostBatch(int batch) {
            this.zeroCostBatch = batch;
            return this;
        }

        /** The zero-cost measures' initialisation and image-batch seed (default: the reference's 42). */
        public Builder optZeroCostSeed(long seed) {
            this.zeroCostSeed = seed;
            return this;
        }

        Protocol protocolFor(String space) {
            return space != null && gennasProtocols.containsKey(space) ? gennasProtocols.get(space) : gennasProtocol;
        }

        /** Eproxy's configuration (default {@link EproxyConfig#defaults()}). */
        public Builder optEproxyConfig(EproxyConfig config) {
            this.eproxyConfig = config;
            return this;
        }

        /**
         * Eproxy's MACs_max (default: the reference's table per space, {@link EproxyProxy#MACS_MAX};
         * needed for spaces it lacks, such as the TransNAS benchmark builds).
         */
        public Builder optEproxyMacsMax(double macsMax) {
            this.eproxyMacsMax = macsMax;
            return this;
        }

        /** GenNAS's task on NAS-Bench-NLP cells, by name or JSON file (default CONF_NLP). */
        public Builder optNlpTask(String nameOrFile) {
            this.nlpTask = SequenceTaskConfig.byNameOrFile(nameOrFile);
            this.nlpTaskName = nameOrFile;
            return this;
        }

        /** Adam's learning rate for GenNAS on NAS-Bench-NLP cells (default 0.1, the reference's). */
        public Builder optNlpLearningRate(double lr) {
            this.nlpLearningRate = lr;
            return this;
        }

        /** GenNAS's training iterations on NAS-Bench-NLP cells (default 100). */
        public Builder optNlpIterations(int iterations) {
            this.nlpIterations = iterations;
            return this;
        }

        /** Seed of GenNAS's and Eproxy's input batch and initialisation (default 111). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public ProxyPanel build() {
            if (methods == null) {
                throw new IllegalStateException("setMethods(...) is required, e.g. \"gennas,eproxy,synflow\"");
            }
            return new ProxyPanel(this);
        }
    }
}
