package io.gennas4j.proxy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proxies by name: rebuilds a proxy from its {@link Proxy#settings()} (the {@code proxy} entry
 * names it), which is how worker processes get the same proxy as the notebook that started them.
 */
public final class Proxies {

    /** Rebuilds a proxy from settings, given the image file to read. */
    @FunctionalInterface
    public interface Factory {
        Proxy fromSettings(Map<String, String> settings, Path imagesFile);
    }

    /**
     * The {@code network} setting of proxies that score recurrent (NAS-Bench-NLP) cells: their
     * names are the same as the CNN proxies' ({@code gennas}, {@code synflow}, …), so settings with
     * this entry are rebuilt by the recurrent factories.
     */
    public static final String RECURRENT = "recurrent";

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, Factory> RECURRENT_FACTORIES = new LinkedHashMap<>();

    static {
        register("gennas", RegressionProxy::fromSettings);
        register("eproxy", io.gennas4j.proxy.eproxy.EproxyProxy::fromSettings);
        for (String measure : io.gennas4j.proxy.zerocost.ZeroCostMeasures.names()) {
            register(measure, io.gennas4j.proxy.zerocost.ZeroCostProxy::fromSettings);
        }
        RECURRENT_FACTORIES.put("gennas", SequenceRegressionProxy::fromSettings);
        for (String measure : io.gennas4j.proxy.zerocost.RecurrentZeroCostProxy.MEASURES) {
            RECURRENT_FACTORIES.put(measure, io.gennas4j.proxy.zerocost.RecurrentZeroCostProxy::fromSettings);
        }
    }

    private Proxies() {}

    /**
     * A required entry of a proxy's settings.
     *
     * @throws IllegalArgumentException naming the proxy and the missing key
     */
    public static String require(Map<String, String> settings, String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Settings of proxy '" + settings.get("proxy") + "' lack '" + key + "'");
        }
        return v;
    }

    public static synchronized void register(String name, Factory factory) {
        FACTORIES.put(name, factory);
    }

    public static synchronized Proxy fromSettings(Map<String, String> settings, Path imagesFile) {
        String name = settings.get("proxy");
        boolean recurrent = RECURRENT.equals(settings.get("network"));
        Map<String, Factory> factories = recurrent ? RECURRENT_FACTORIES : FACTORIES;
        Factory f = factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Unknown " + (recurrent ? "recurrent-cell " : "") + "proxy '" + name + "'. Known: "
                    + String.join(", ", factories.keySet()));
        }
        return f.fromSettings(settings, imagesFile);
    }
}
