package io.gennas4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Library-wide facts. */
public final class Gennas4j {

    /**
     * Environment variable capping the instruction set of oneDNN, PyTorch's CPU convolution
     * library. Its AVX-512 kernels give wrong and run-to-run different convolution results on the
     * AMD EPYC (Zen 5) machines this project runs on (GenNAS losses diverge to NaN, zero-cost
     * scores change between identical runs: {@code RegressionProxyTest} fails without it), so the
     * project's scripts, the notebook kernel, the test JVMs and the worker JVMs set it to
     * {@value #SAFE_ISA}. It must be set before the native library loads, so it cannot be set from
     * Java.
     */
    public static final String ISA_ENV = "ONEDNN_MAX_CPU_ISA";

    /** The instruction set gennas4j caps oneDNN at. */
    public static final String SAFE_ISA = "AVX2";

    private static volatile boolean warned;

    private Gennas4j() {}

    /**
     * The project's {@code build/} folder (caches, kernelspec): found upwards from the working
     * directory as the folder holding both {@code lib/} and {@code notebooks/}, so notebooks run
     * from {@code notebooks/} share it with the scripts; else {@code build/} in the working directory.
     */
    public static Path buildDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("lib")) && Files.isDirectory(p.resolve("notebooks"))) {
                return p.resolve("build");
            }
        }
        return dir.resolve("build");
    }

    /** The gennas4j version from the jar manifest, or {@code dev} when run from compiled classes. */
    public static String version() {
        String v = Gennas4j.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Warns once on standard error when this CPU has AVX-512 and {@value #ISA_ENV} is not set:
     * scores computed in such a JVM are not trustworthy (see {@link #ISA_ENV}).
     */
    public static void checkNativeSettings() {
        if (warned || System.getenv(ISA_ENV) != null) {
            return;
        }
        warned = true;
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains("avx512f")) {
                System.err.println("WARNING: this CPU has AVX-512 and " + ISA_ENV + " is not set: oneDNN's AVX-512 convolutions"
                        + " give wrong results on some CPUs. Start Java with " + ISA_ENV + "=" + SAFE_ISA
                        + " (environment/setup, environment/test and the notebook kernel do).");
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to check
        }
    }
}
