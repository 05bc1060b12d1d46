package io.gennas4j.running;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;

/**
 * Where a {@link ScoringRunner} sends the architectures it does not find in its cache: worker JVMs
 * on this machine ({@link WorkerPool}) or a cluster (the optional {@code gennas4j-spark} module's
 * Spark backend). A backend scores with one proxy, rebuilt from its {@link Proxy#settings()}
 * wherever it runs; the runner keeps the cache, the order and the progress, so every backend fills
 * the same table.
 *
 * <p>Contract: every architecture gets exactly one {@code onResult} call, a failed one a
 * {@link ProxyScore#failed failed score} naming the reason (a crashed scorer included): a backend
 * never drops an architecture nor stops the run for one.
 */
public interface ScoringBackend extends AutoCloseable {

    /** The settings of the proxy this backend scores with (the runner checks they are its own). */
    Map<String, String> settings();

    /**
     * Scores {@code archs}, calling {@code onResult(index into archs, score)} as each finishes,
     * one call at a time (from any thread). Returns when all are done, or early if the calling
     * thread is interrupted (results delivered so far stand).
     */
    void score(List<? extends Architecture> archs, BiConsumer<Integer, ProxyScore> onResult);

    /** Releases the backend's processes or cluster connection. */
    @Override
    void close();

    /**
     * Opens a backend by its master URL, as {@code environment/score --spark MASTER} does:
     * {@code spark://host:7077}, {@code yarn}, {@code k8s://...}, {@code local[N]},
     * {@code local-cluster[W,C,M]}. Found through {@link ServiceLoader} ({@link Factory}), so the
     * core library does not depend on Spark.
     *
     * @throws IllegalArgumentException if no backend on the class path accepts the URL (with how
     *     to add the Spark module)
     */
    static ScoringBackend open(String master, Proxy proxy) {
        // the library's own loader first: in a notebook kernel both jars come from %jars, not the class path
        for (ClassLoader loader : new ClassLoader[] {Factory.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            for (Factory f : ServiceLoader.load(Factory.class, loader)) {
                if (f.accepts(master)) {
                    return f.open(master, proxy);
                }
            }
        }
        throw new IllegalArgumentException("No scoring backend for master '" + master + "' on the class path: the Spark backend is the optional "
                + "module gennas4j-spark (build it with `mvn -B package -DskipTests -DskipITs`, then add spark/target/jars/* to the class path; "
                + "environment/score --spark does this)");
    }

    /**
     * Closes the cluster connections {@link #open} keeps for later proxies; commands call it
     * before they exit (a local cluster otherwise logs its executors' deaths at JVM exit).
     */
    static void closeShared() {
        for (ClassLoader loader : new ClassLoader[] {Factory.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            for (Factory f : ServiceLoader.load(Factory.class, loader)) {
                f.closeShared();
            }
        }
    }

    /** Environment variable naming a backend's master URL for every runner without one (e.g. a notebook's). */
    String ENV = "GENNAS4J_SPARK";

    /**
     * The master URL of {@link #ENV} (or the system property {@code gennas4j.spark}), or null:
     * with it set, every {@link ScoringRunner} that is not given a backend or pool scores there,
     * so bench runs, searches and notebooks move to a cluster without a code change.
     */
    static String environmentMaster() {
        String v = System.getProperty("gennas4j.spark");
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A backend provider registered in {@code META-INF/services/io.gennas4j.running.ScoringBackend$Factory}. */
    interface Factory {
        /** Whether this provider handles {@code master}. */
        boolean accepts(String master);

        /**
         * A backend for {@code proxy} at {@code master}. Its {@code close()} leaves the cluster
         * connection open for the next proxy (one per master and JVM, closed at exit), so a
         * notebook that scores ten methods starts executors once.
         */
        ScoringBackend open(String master, Proxy proxy);

        /** Closes the connections kept by {@link #open}; a later {@code open} starts a new one. */
        default void closeShared() {}
    }
}
