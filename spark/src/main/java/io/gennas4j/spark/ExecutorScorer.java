package io.gennas4j.spark;

import io.gennas4j.proxy.Proxies;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.SearchSpaces;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.spark.SparkFiles;

/**
 * The executor side of {@link SparkBackend}: one proxy per executor JVM, rebuilt from its settings
 * map on first use ({@link Proxies#fromSettings}) and reused by every later task of the same
 * settings. An executor has one task slot (DJL's PyTorch engine allows one gradient collector
 * per JVM), so at most one task uses it at a time; the lock only guards against a misconfigured
 * executor with more cores. Spark's task threads are fresh threads, where PyTorch's thread-local
 * grad mode starts on: every proxy switches it off itself ({@code IntraOpThreads.apply}).
 */
final class ExecutorScorer {

    /** Fault injection (tests): an executor asked to score this architecture halts its JVM, every time. */
    static final String HALT_ALWAYS_ENV = "GENNAS4J_SPARK_HALT_ALWAYS";
    /**
     * Fault injection (tests): {@code arch|marker-file}: the first executor asked to score
     * {@code arch} creates the marker and halts its JVM (a killed executor); later attempts score it.
     */
    static final String HALT_ONCE_ENV = "GENNAS4J_SPARK_HALT_ONCE";

    private static Map<String, String> current;
    private static Proxy proxy;

    private ExecutorScorer() {}

    /** One architecture of a task, as sent to the executors. */
    record Item(int index, String space, String arch) implements Serializable {}

    /** What an executor sends back for one {@link Item}; {@code value} NaN with an error when it failed. */
    record Scored(int index, String arch, double value, double seconds, double[] trace, String error) implements Serializable {
        ProxyScore toScore() {
            return new ProxyScore(arch, value, seconds, trace, error);
        }
    }

    /**
     * Scores one item with the proxy of {@code settings}; a Java exception becomes a failed score
     * (no Spark retry: it would fail again), only a dead JVM goes through Spark's retries.
     *
     * @param imagesName the images file's name as added with {@code SparkContext.addFile}, or null
     */
    static synchronized Scored score(Map<String, String> settings, String imagesName, Item item) {
        faultInjection(item.arch());
        ProxyScore s;
        try {
            if (!settings.equals(current)) {
                Proxy old = proxy;
                proxy = null;
                current = null;
                if (old != null) {
                    old.close();
                }
                Path images = imagesName == null ? null : Paths.get(SparkFiles.get(imagesName));
                proxy = Proxies.fromSettings(settings, images); // a bad setting fails here, once per task, without retries
                current = Map.copyOf(settings);
            }
            s = proxy.score(SearchSpaces.byName(item.space()).parse(item.arch()));
        } catch (RuntimeException e) {
            s = ProxyScore.failed(item.arch(), 0, e);
        }
        return new Scored(item.index(), s.arch(), s.value(), s.seconds(), s.trace(), s.error());
    }

    private static void faultInjection(String arch) {
        if (arch.equals(System.getenv(HALT_ALWAYS_ENV))) {
            Runtime.getRuntime().halt(137);
        }
        String once = System.getenv(HALT_ONCE_ENV);
        if (once != null && once.startsWith(arch + "|")) {
            Path marker = Paths.get(once.substring(arch.length() + 1));
            try {
                Files.createFile(marker); // fails if it exists: only the first attempt halts
                Runtime.getRuntime().halt(137);
            } catch (IOException e) {
                // the marker exists: this is a retry, score normally
            }
        }
    }
}
