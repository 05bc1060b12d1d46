package io.gennas4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak resident memory of this JVM <em>and its worker JVMs together</em>: a daemon thread sums
 * {@code VmRSS} of the process and all its descendants every {@code periodMillis} and keeps the
 * maximum. {@code VmHWM} of the bench alone misses the workers, which hold the networks; a sum of
 * each process's own peak would overstate a pool whose workers peak at different times.
 *
 * <p>Linux only ({@code /proc}); elsewhere {@link #peakMb()} is -1. Sampling can miss a peak
 * shorter than the period.
 */
final class ProcessTreeMemory implements AutoCloseable {
    private final AtomicLong peakKb = new AtomicLong(-1);
    private final Thread sampler;
    private volatile boolean running = true;

    ProcessTreeMemory(long periodMillis) {
        sampler = new Thread(() -> {
            while (running) {
                long kb = treeRssKb();
                peakKb.accumulateAndGet(kb, Math::max);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "process-tree-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Peak summed RSS of this process and its descendants in MiB, or -1 where {@code /proc} is missing. */
    long peakMb() {
        long kb = Math.max(peakKb.get(), treeRssKb());
        return kb < 0 ? -1 : kb / 1024;
    }

    static long treeRssKb() {
        long self = rssKb(ProcessHandle.current().pid());
        if (self < 0) {
            return -1;
        }
        return self + ProcessHandle.current().descendants().mapToLong(p -> Math.max(0, rssKb(p.pid()))).sum();
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // the process ended between listing and reading
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
