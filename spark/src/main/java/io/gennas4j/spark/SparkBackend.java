package io.gennas4j.spark;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.running.ScoringBackend;
import io.gennas4j.space.Architecture;
import java.io.File;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Scores architectures as Spark tasks (issue 16 §2), behind the same {@link ScoringBackend} as the
 * local worker pool, so a {@link io.gennas4j.running.ScoringRunner} keeps its cache, order,
 * progress and table:
 * <pre>{@code
 * try (SparkBackend spark = SparkBackend.builder().setProxy(proxy).setMaster("spark://head:7077").build()) {
 *     Table t = ScoringRunner.builder().setProxy(proxy).optCache(cache).optBackend(spark).build().run(archs);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>One architecture per task, one task slot per executor ({@code spark.executor.cores=1}:
 *       DJL's PyTorch engine allows one gradient collector per JVM). The proxy travels as its
 *       settings map and is rebuilt once per executor ({@code Proxies.fromSettings}), never as a
 *       serialized object; the images file is shipped with {@code addFile} and resolved on the
 *       executor with {@code SparkFiles.get}.
 *   <li>Results stream back as each task finishes ({@code submitJob}'s result handler), so the
 *       runner stores each in the driver's score cache at once: a killed driver keeps everything
 *       finished.
 *   <li>A Java exception while scoring is a failed score at once (a retry would fail the same
 *       way). A dead executor (native crash, kill, lost node) is retried by Spark on another
 *       executor, up to {@code spark.task.maxFailures} (4; 1 in {@code local[N]}); an
 *       architecture that exhausts them is recorded as failed with Spark's reason and the rest
 *       of the list goes on (the job is resubmitted without it: {@link RetryRounds}).
 *   <li>Proxies that leak native memory per architecture (grasp) are refused: an executor is not
 *       recycled between tasks as a local worker is.
 *   <li>Scores equal those of any other scorer: the executor uses
 *       {@link io.gennas4j.proxy.IntraOpThreads#policy()} threads like every scorer.
 * </ul>
 *
 * <p>Masters: anything Spark accepts. {@code local-cluster[W,C,M]} (W executor JVMs on this
 * machine, Spark's test cluster) runs without a Spark installation: the executors get this JVM's
 * class path and Spark's test-mode launcher settings. For {@code spark://}, YARN or Kubernetes
 * the executors fetch the gennas4j jars from the driver ({@code spark.jars}, set from the class
 * path unless set), and need PyTorch's native library (DJL's cache, or network access)
 * and the same {@code ONEDNN_MAX_CPU_ISA} (README › Scaling out).
 */
public final class SparkBackend implements ScoringBackend {

    private final Map<String, String> settings;
    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final String imagesName;

    private SparkBackend(Builder b) {
        if (b.proxy.recycleWorkerAfter() > 0) {
            // an executor cannot be recycled between tasks the way a local worker is
            throw new IllegalArgumentException("Proxy " + b.proxy.name() + " leaks native memory per architecture (it needs a worker JVM replaced every "
                    + b.proxy.recycleWorkerAfter() + " architectures), which Spark executors are not: score it with local workers (--workers N)");
        }
        this.settings = Map.copyOf(b.proxy.settings());
        if (b.context != null) {
            this.sc = b.context;
            this.ownsContext = false;
        } else if (b.shared) {
            this.sc = sharedContext(b.master, b.conf);
            this.ownsContext = false;
        } else {
            this.sc = new JavaSparkContext(conf(b.master, b.conf));
            this.ownsContext = true;
        }
        Path images = b.proxy.imagesFile();
        if (images != null) {
            String path = images.toAbsolutePath().toString();
            synchronized (ADDED_FILES) {
                // SparkFiles has one flat name space per application: one path per file name
                String key = sc.sc().applicationId() + " " + images.getFileName();
                String before = ADDED_FILES.putIfAbsent(key, path);
                if (before == null) {
                    sc.addFile(path);
                } else if (!before.equals(path)) {
                    throw new IllegalArgumentException("This Spark application already ships an images file named " + images.getFileName()
                            + " (" + before + "); rename " + path + " or use another context");
                }
            }
            this.imagesName = images.getFileName().toString();
        } else {
            this.imagesName = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static final Map<String, String> ADDED_FILES = new HashMap<>();
    private static JavaSparkContext shared;

    /**
     * This JVM's context for {@code master}, started on first use and kept for later backends
     * (Spark stops it at exit): Spark allows one active context per JVM.
     *
     * @throws IllegalStateException if a context for another master is running
     */
    static synchronized JavaSparkContext sharedContext(String master, Map<String, String> extra) {
        if (shared != null && !shared.sc().isStopped()) {
            if (!extra.isEmpty()) {
                System.err.println("gennas4j: reusing the running Spark context; its configuration stays, not " + extra);
            }
            if (!shared.master().equals(master)) {
                throw new IllegalStateException("A Spark context for master " + shared.master() + " is running in this JVM; Spark allows one: "
                        + "use that master, or close it (SparkBackend.context().close()) before asking for " + master);
            }
            return shared;
        }
        shared = new JavaSparkContext(conf(master, extra));
        return shared;
    }

    /** Stops the shared context, if one runs. */
    static synchronized void closeSharedContext() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** The Spark configuration for {@code master}: defaults below, then {@code extra} on top. */
    static SparkConf conf(String master, Map<String, String> extra) {
        // new SparkConf() reads spark.* system properties: -Dspark.executor.memory=2g etc. win over
        // these defaults (setIfMissing); optConf entries win over both
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "gennas4j").setMaster(master);
        conf.set("spark.executor.cores", "1"); // one task slot per executor JVM (DJL: one gradient collector per JVM)
        conf.set("spark.task.cpus", "1");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false"); // the runner prints its own progress
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) {
            // Spark's own test cluster without a Spark installation: the launcher builds the
            // executor command in test mode and takes the classes from this JVM's jars
            conf.set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
            conf.set("spark.executorEnv.SPARK_TESTING", "1");
            conf.setIfMissing("spark.executor.extraClassPath", executorClassPath());
            conf.setIfMissing("spark.executor.memory", cluster.group(3) + "m"); // the whole worker: one executor each
        } else if (!master.startsWith("local")) {
            conf.setIfMissing("spark.jars", String.join(",", shippedJars()));
        }
        forward(conf, "ONEDNN_MAX_CPU_ISA"); // the same convolution kernels as the driver: same scores
        forward(conf, "DJL_OFFLINE");
        forward(conf, "GENNAS4J_DATA");
        // the driver's thread policy, property or variable, so the cache key matches what executors did
        conf.set("spark.executorEnv." + io.gennas4j.proxy.IntraOpThreads.ENV, String.valueOf(io.gennas4j.proxy.IntraOpThreads.policy()));
        extra.forEach(conf::set);
        return conf;
    }

    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    private static void forward(SparkConf conf, String env) {
        String v = System.getenv(env);
        if (v != null) {
            conf.set("spark.executorEnv." + env, v);
        }
    }

    /**
     * The jars remote executors fetch from the driver: the core library's directory
     * ({@code lib/target/jars}: gennas4j, DJL, PyTorch, Tablesaw, ...) and this module's jar;
     * Spark's own jars are the cluster's. Outside a jar layout (tests from classes), every
     * non-Spark jar of the class path.
     */
    static List<String> shippedJars() {
        Map<String, String> jars = new LinkedHashMap<>(); // by file name: lib/ and spark/ jars overlap
        File core = codeSource(io.gennas4j.Gennas4j.class);
        File self = codeSource(SparkBackend.class);
        if (core != null && core.isFile() && self != null && self.isFile()) {
            File[] inDir = core.getParentFile().listFiles((d, n) -> n.endsWith(".jar"));
            for (File f : inDir == null ? new File[0] : inDir) {
                jars.putIfAbsent(f.getName(), f.getAbsolutePath());
            }
            jars.putIfAbsent(self.getName(), self.getAbsolutePath());
            return List.copyOf(jars.values());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (entry.endsWith(".jar") && !name.startsWith("spark-") && !name.startsWith("scala-")) {
                jars.putIfAbsent(name, new File(entry).getAbsolutePath());
            }
        }
        return List.copyOf(jars.values());
    }

    /**
     * The class path of local-cluster executors: the jar directories of the core library and of
     * this module ({@code lib/target/jars/*:spark/target/jars/*}) when running from jars (a
     * notebook kernel adds them with {@code %jars}, so they are not on {@code java.class.path}),
     * else this JVM's class path (tests).
     */
    static String executorClassPath() {
        File core = codeSource(io.gennas4j.Gennas4j.class);
        File self = codeSource(SparkBackend.class);
        if (core != null && core.isFile() && self != null && self.isFile()) {
            return core.getParent() + File.separator + "*" + File.pathSeparator + self.getParent() + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }

    private static File codeSource(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    /** The Spark context (a notebook can inspect its UI address, executors, ...). */
    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public void score(List<? extends Architecture> archs, BiConsumer<Integer, ProxyScore> onResult) {
        List<ExecutorScorer.Item> items = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            Architecture a = archs.get(i);
            items.add(new ExecutorScorer.Item(i, a.space().name(), a.encoding()));
        }
        RetryRounds.score(items, this::runRound, onResult);
    }

    /**
     * One Spark job over {@code round} (one partition per item); results delivered on this thread
     * as they arrive, by position in the round.
     *
     * @return null when the job finished, else the exception it aborted with
     */
    private Throwable runRound(List<ExecutorScorer.Item> round, BiConsumer<Integer, ProxyScore> deliver) {
        RDD<ExecutorScorer.Item> rdd = sc.parallelize(round, round.size()).rdd();
        LinkedBlockingQueue<ExecutorScorer.Scored> queue = new LinkedBlockingQueue<>();
        List<Object> partitions = new ArrayList<>();
        for (int p = 0; p < round.size(); p++) {
            partitions.add(p);
        }
        SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd, new ScorePartition(settings, imagesName),
                scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(), new Collect(queue), new Done());
        Map<Integer, Integer> position = new HashMap<>(); // Scored.index is the caller's index
        for (int p = 0; p < round.size(); p++) {
            position.put(round.get(p).index(), p);
        }
        try {
            while (true) {
                ExecutorScorer.Scored s = queue.poll(200, TimeUnit.MILLISECONDS);
                if (s != null) {
                    deliver.accept(position.get(s.index()), s.toScore());
                } else if (job.isCompleted()) {
                    break;
                }
            }
            for (ExecutorScorer.Scored s; (s = queue.poll()) != null; ) {
                deliver.accept(position.get(s.index()), s.toScore());
            }
            job.value().get().get(); // throws the job's failure
            return null;
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Override
    public void close() {
        if (ownsContext) {
            sc.close();
        }
    }

    /** Executor side of a task: scores the partition's items. */
    private static final class ScorePartition extends AbstractFunction1<Iterator<ExecutorScorer.Item>, ExecutorScorer.Scored[]>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, String> settings;
        private final String imagesName;

        ScorePartition(Map<String, String> settings, String imagesName) {
            this.settings = new HashMap<>(settings);
            this.imagesName = imagesName;
        }

        @Override
        public ExecutorScorer.Scored[] apply(Iterator<ExecutorScorer.Item> items) {
            List<ExecutorScorer.Scored> out = new ArrayList<>();
            while (items.hasNext()) {
                out.add(ExecutorScorer.score(settings, imagesName, items.next()));
            }
            return out.toArray(ExecutorScorer.Scored[]::new);
        }
    }

    /** Driver side: called by the scheduler as each task's result arrives; hands it to the caller's thread. */
    private static final class Collect extends AbstractFunction2<Object, ExecutorScorer.Scored[], BoxedUnit> {
        private final LinkedBlockingQueue<ExecutorScorer.Scored> queue;

        Collect(LinkedBlockingQueue<ExecutorScorer.Scored> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, ExecutorScorer.Scored[] scored) {
            queue.addAll(List.of(scored));
            return BoxedUnit.UNIT;
        }
    }

    private static final class Done extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }

    /** Builder: {@code SparkBackend.builder().setProxy(p).setMaster("local-cluster[2,1,1024]").build()}. */
    public static final class Builder {
        private Proxy proxy;
        private String master;
        private JavaSparkContext context;
        private boolean shared;
        private final Map<String, String> conf = new LinkedHashMap<>();

        /** The proxy every executor rebuilds from its settings. */
        public Builder setProxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** The Spark master URL; the backend starts (and closes) its own context. */
        public Builder setMaster(String master) {
            this.master = master;
            return this;
        }

        /** Uses a running context instead (left open on close), e.g. one made by spark-submit. */
        public Builder optContext(JavaSparkContext context) {
            this.context = context;
            return this;
        }

        /**
         * Uses this JVM's shared context for the master (started by the first backend that asks,
         * left running on close), so backends for several proxies reuse the executors; what
         * {@link io.gennas4j.running.ScoringBackend#open} gives.
         */
        public Builder optSharedContext() {
            this.shared = true;
            return this;
        }

        /** A Spark configuration entry on top of the defaults, e.g. {@code spark.task.maxFailures}. */
        public Builder optConf(String key, String value) {
            conf.put(key, value);
            return this;
        }

        /** @throws IllegalArgumentException if neither a master nor a context is given */
        public SparkBackend build() {
            Objects.requireNonNull(proxy, "proxy");
            if (master == null && context == null) {
                throw new IllegalArgumentException("Give a Spark master (setMaster(\"spark://host:7077\"), \"local-cluster[2,1,1024]\") or a running context (optContext)");
            }
            return new SparkBackend(this);
        }
    }
}
