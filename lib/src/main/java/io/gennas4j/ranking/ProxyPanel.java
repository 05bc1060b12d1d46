package io.gennas4j.ranking;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.proxy.RegressionProxy;
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
 * A panel of proxies named the way users name them — {@code gennas}, {@code eproxy} and the
 * zero-cost measures ({@link ZeroCostMeasures#names()}) — scored on the same architectures
 * against every target of a benchmark, one after the other (progress on standard output, scores
 * through the cache). What the TransNAS-Bench-101 bench and notebook run.
 *
 * <pre>{@code
 * ProxyPanel panel = ProxyPanel.builder().setMethods("gennas,eproxy,synflow,naswot").optSeed(111).build();
 * MethodComparison cmp = panel.score(archs, table.accuracies(), cache);
 * }</pre>
 *
 * GenNAS runs {@link Builder#optGennasProtocol} (default {@link Protocol#FAST}) on
 * {@link Builder#optGennasTask} (default CONF_NB101, GenNAS's searched task); Eproxy its default
 * configuration ({@link EproxyConfig#defaults()}) or {@link Builder#optEproxyConfig}; the
 * zero-cost measures their reference protocol at the space's benchmark size (spec §6).
 */
public final class ProxyPanel {

    private final Builder settings;
    private final Map<String, List<ProxyScore>> scores = new LinkedHashMap<>();

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
        if (method.equals("gennas")) {
            return RegressionProxy.builder().setTask(settings.gennasTask).optProtocol(settings.gennasProtocol)
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
            return ZeroCostProxy.builder().setMeasure(method).build();
        }
        throw new IllegalArgumentException("Unknown method '" + method + "'. Known: " + String.join(", ", Builder.known()));
    }

    /**
     * Scores {@code archs} with every method and ranks each against every target of
     * {@code truth}; a method's failed architectures are left out of its ρ (and counted).
     *
     * @param cache may be null (always score)
     */
    public MethodComparison score(List<? extends Architecture> archs, Accuracies truth, ScoreCache cache) {
        MethodComparison cmp = new MethodComparison();
        scores.clear();
        for (String m : settings.methods) {
            try (Proxy p = proxy(m)) {
                System.out.printf(java.util.Locale.ROOT, "%s on %d %s architectures%n", m, archs.size(), truth.space());
                scores.put(m, cmp.score(m, p, archs, truth, cache));
            }
        }
        return cmp;
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
                + (settings.eproxyMacsMax == null ? "" : ", MACs_max " + settings.eproxyMacsMax) + "; seed " + settings.seed + ")";
    }

    /** Builder: methods required; task, protocol, configuration and seed optional. */
    public static final class Builder {
        private List<String> methods;
        private TaskConfig gennasTask = TaskConfig.byNameOrFile("CONF_NB101");
        private String gennasTaskName = "CONF_NB101";
        private Protocol gennasProtocol = Protocol.FAST;
        private EproxyConfig eproxyConfig = EproxyConfig.defaults();
        private long seed = 111;
        private Double eproxyMacsMax;

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
                if (!known.contains(n)) {
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
