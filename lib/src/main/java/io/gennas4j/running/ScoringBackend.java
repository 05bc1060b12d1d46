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
        for (Factory f : ServiceLoader.load(Factory.class)) {
            if (f.accepts(master)) {
                return f.open(master, proxy);
            }
        }
        throw new IllegalArgumentException("No scoring backend for master '" + master + "' on the class path: the Spark backend is the optional "
                + "module gennas4j-spark (build it with `mvn -B package -DskipTests -DskipITs`, then add spark/target/jars/* to the class path; "
                + "environment/score --spark does this)");
    }

    /** A backend provider registered in {@code META-INF/services/io.gennas4j.running.ScoringBackend$Factory}. */
    interface Factory {
        /** Whether this provider handles {@code master}. */
        boolean accepts(String master);

        /** Starts a backend for {@code proxy} at {@code master}. */
        ScoringBackend open(String master, Proxy proxy);
    }
}
