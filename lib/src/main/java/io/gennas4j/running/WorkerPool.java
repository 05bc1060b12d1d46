package io.gennas4j.running;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.gennas4j.benchmark.DataDirectory;
import io.gennas4j.proxy.IntraOpThreads;
import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Scores architectures in separate worker JVMs ({@link Worker}), one architecture at a time per
 * worker. DJL's PyTorch engine allows one gradient collector per JVM, so parallel training needs
 * processes, not threads. Each worker rebuilds the proxy from its settings, so it draws the same
 * task; with per-architecture seeding (the default) its scores equal a single process's bit for
 * bit, since every scorer runs at {@link IntraOpThreads#policy()} threads (issue 17). A worker that crashes fails only the architecture it was scoring and
 * is restarted.
 */
public final class WorkerPool implements ScoringBackend {

    private static final Gson GSON = new Gson();

    private final Map<String, String> settings;
    private final Path images;
    private final int threadsPerWorker;
    private final Map<String, String> extraEnv;
    private final int recycleAfter;
    private final List<WorkerProcess> workers = new ArrayList<>();

    private WorkerPool(Proxy proxy, int workers, int threadsPerWorker, Map<String, String> extraEnv) {
        this.extraEnv = extraEnv;
        this.settings = proxy.settings();
        this.images = proxy.imagesFile();
        this.threadsPerWorker = threadsPerWorker;
        this.recycleAfter = proxy.recycleWorkerAfter();
        for (int i = 0; i < workers; i++) {
            this.workers.add(new WorkerProcess(i));
        }
    }

    /** Environment variable (or system property {@code gennas4j.workers}) overriding {@link #defaultWorkers()}. */
    public static final String WORKERS_ENV = "GENNAS4J_WORKERS";

    /**
     * The default number of scorers: {@code GENNAS4J_WORKERS} (system property
     * {@code gennas4j.workers}) if set, else one per core at {@link IntraOpThreads#policy()}
     * threads each ({@code cores / threads}, at least 1), so a run uses the machine fully without
     * oversubscribing it.
     *
     * @throws IllegalArgumentException if the setting is not a positive integer
     */
    public static int defaultWorkers() {
        String v = System.getProperty("gennas4j.workers");
        String from = "-Dgennas4j.workers";
        if (v == null || v.isBlank()) {
            v = System.getenv(WORKERS_ENV);
            from = WORKERS_ENV;
        }
        if (v == null || v.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / IntraOpThreads.policy());
        }
        try {
            return checkWorkers(Integer.parseInt(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(from + "=" + v + " is not a worker count: set a positive integer, or unset it for one per core");
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    /** Worker processes started by this JVM so far (tests check which path a run took). */
    static int processesStarted() {
        return STARTED.get();
    }

    static int checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 (1 scores in this process), got " + workers);
        }
        return workers;
    }

    /**
     * Starts {@code workers} worker processes for {@code proxy}, each with
     * {@link IntraOpThreads#policy()} PyTorch intra-op threads.
     */
    public static WorkerPool start(Proxy proxy, int workers) {
        return start(proxy, workers, Map.of());
    }

    /** As {@link #start(Proxy, int)}, with extra environment variables for the workers (tests). */
    static WorkerPool start(Proxy proxy, int workers, Map<String, String> extraEnv) {
        checkWorkers(workers);
        WorkerPool pool = new WorkerPool(proxy, workers, IntraOpThreads.policy(), extraEnv);
        try {
            List<Thread> starters = new ArrayList<>();
            List<RuntimeException> failures = new ArrayList<>();
            for (WorkerProcess w : pool.workers) {
                Thread t = new Thread(() -> {
                    try {
                        w.start();
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                t.start();
                starters.add(t);
            }
            for (Thread t : starters) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        } catch (InterruptedException | RuntimeException e) {
            pool.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting workers", e);
            }
            throw (RuntimeException) e;
        }
        return pool;
    }

    /** The settings of the proxy the workers were started with. */
    @Override
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    public int size() {
        return workers.size();
    }

    /**
     * Scores {@code archs}, calling {@code onResult(index, score)} as each finishes (from pool
     * threads, one call at a time). Returns when all are done, or early if the calling thread is
     * interrupted (finished results have been delivered).
     */
    @Override
    public void score(List<? extends Architecture> archs, BiConsumer<Integer, ProxyScore> onResult) {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(workers.size());
        Object lock = new Object();
        for (WorkerProcess w : workers) {
            Thread t = new Thread(() -> {
                try {
                    int i;
                    while (!cancelled.get() && (i = next.getAndIncrement()) < archs.size()) {
                        Architecture a = archs.get(i);
                        ProxyScore s = w.score(a);
                        if (cancelled.get()) {
                            break;
                        }
                        synchronized (lock) {
                            onResult.accept(i, s);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "gennas4j-worker-" + w.id);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            cancelled.set(true);
            workers.forEach(WorkerProcess::kill);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::stop);
    }

    /** The classpath for workers: the jars beside the gennas4j jar, or this JVM's classpath. */
    static String classpath() {
        try {
            Path src = Paths.get(Worker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(src)) {
                return src.getParent().resolve("*").toString();
            }
            return src + File.pathSeparator + System.getProperty("java.class.path");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One worker JVM and its pipes. */
    private final class WorkerProcess {
        final int id;
        Process process;
        int scoredSinceStart;
        BufferedWriter in;
        BufferedReader out;
        Path log;

        WorkerProcess(int id) {
            this.id = id;
        }

        void start() {
            try {
                log = Files.createTempFile("gennas4j-worker-" + id + "-", ".log");
                String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=" + threadsPerWorker, "-Dai.djl.pytorch.num_interop_threads=1",
                        "-D" + IntraOpThreads.PROPERTY + "=" + threadsPerWorker,
                        "-D" + DataDirectory.PROPERTY + "=" + DataDirectory.resolve().root().toAbsolutePath(),
                        "-cp", classpath(), Worker.class.getName());
                pb.environment().put("OPT_OUT_TRACKING", "true");
                pb.environment().put("DJL_OFFLINE", "true");
                pb.environment().putIfAbsent(io.gennas4j.Gennas4j.ISA_ENV, io.gennas4j.Gennas4j.SAFE_ISA);
                pb.environment().putAll(extraEnv);
                pb.redirectError(log.toFile());
                process = pb.start();
                STARTED.incrementAndGet();
                scoredSinceStart = 0;
                in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
                out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                JsonObject hello = new JsonObject();
                hello.add("settings", GSON.toJsonTree(settings));
                hello.addProperty("images", images == null ? null : images.toString());
                send(GSON.toJson(hello));
                String ready = out.readLine();
                if (ready == null || !ready.contains("ready")) {
                    throw new IllegalStateException("Worker " + id + " did not start: " + logTail());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start worker " + id, e);
            }
        }

        void send(String line) throws IOException {
            in.write(line);
            in.write('\n');
            in.flush();
        }

        ProxyScore score(Architecture arch) {
            JsonObject req = new JsonObject();
            req.addProperty("space", arch.space().name());
            req.addProperty("arch", arch.encoding());
            long start = System.nanoTime();
            try {
                send(GSON.toJson(req));
                String line = out.readLine();
                if (line == null) {
                    throw new IOException("worker exited");
                }
                ProxyScore s = Worker.parse(GSON, line);
                if (recycleAfter > 0 && ++scoredSinceStart >= recycleAfter) {
                    stop(); // the proxy leaks native memory: continue in a fresh process
                    start();
                }
                return s;
            } catch (IOException | RuntimeException e) {
                String why = "worker process " + id + " died while scoring it (" + e.getMessage() + "): " + logTail();
                kill();
                try {
                    start(); // a fresh worker for the remaining architectures
                } catch (RuntimeException restart) {
                    why += "; restart failed: " + restart.getMessage();
                }
                return ProxyScore.failed(arch.encoding(), (System.nanoTime() - start) / 1e9, new IllegalStateException(why));
            }
        }

        String logTail() {
            try {
                String s = log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
                return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
            } catch (IOException e) {
                return "(no log)";
            }
        }

        void kill() {
            if (process != null) {
                process.destroyForcibly();
            }
        }

        void stop() {
            if (process == null) {
                return;
            }
            try {
                in.close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a leftover temp log is harmless
            }
        }
    }
}
