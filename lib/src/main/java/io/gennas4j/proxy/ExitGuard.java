package io.gennas4j.proxy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a JVM exit from running under native PyTorch code (issue 12 §6, README › Troubleshooting).
 *
 * <p>The cause of the SIGSEGV in {@code torchBackward} / {@code at::accelerator::getAccelerator}:
 * when a JVM exits ({@code System.exit}, SIGTERM, SIGINT, or the end of {@code main} with the
 * scorer on a daemon thread), the C library runs libtorch's static destructors while another
 * thread is still inside a forward or backward pass, which then reads freed memory. Reproduced
 * here: a thread scoring {@code grad_norm} in a loop and {@code System.exit} from another crashed
 * the JVM in 2 of 6 runs, with the same frames as the crash logs of the benches.
 *
 * <p>Every proxy scores inside a {@link Section}. A shutdown hook, registered once when this class
 * loads, waits until no section is open (at most {@link #waitSeconds()}, default 60 s: a score
 * at the paper protocol takes 7–20 s on 2 cores) and keeps new sections from opening, so the exit
 * happens between two architectures: no crash log, and the architecture in flight reaches the
 * caller (and the score cache) when its thread gets to record it before the exit. A thread
 * that tries to start another architecture during the exit waits and is stopped with the JVM.
 * {@code -Dgennas4j.exitWaitSeconds=N} changes the bound; 0 turns the guard off. {@code
 * Runtime.halt} and SIGKILL bypass shutdown hooks and are not guarded (the worker pool's fault
 * tests use them on purpose).
 *
 * <p>Limits: a thread waiting in {@link #enter()} during an exit cannot be interrupted (it is
 * stopped with the JVM); a thread that calls {@code System.exit} from inside a section makes the
 * exit wait the whole bound and then go ahead (nothing in gennas4j does). A Jupyter kernel that is
 * shut down gets a few seconds before it is killed, so the architecture in flight there is lost
 * (without a crash log). The scoring runner and the worker JVM hold the section until the score
 * is in the cache or written to the parent, so an exit never loses a finished architecture.
 */
public final class ExitGuard {

    /** System property: the longest an exit waits for the architecture in flight, seconds. */
    public static final String WAIT_PROPERTY = "gennas4j.exitWaitSeconds";

    // Readers are scoring threads (reentrant: a score may call a public compute); the exit hook
    // takes the write lock, which also holds back new readers.
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::awaitScores, "gennas4j-exit-guard"));
    }

    private ExitGuard() {}

    /** An open scoring section: close it when the native work of one architecture is done. */
    public interface Section extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens a section around the native work of one architecture ({@code try (var s =
     * ExitGuard.enter()) {…}}). Blocks only while the JVM is exiting.
     */
    public static Section enter() {
        ReentrantReadWriteLock.ReadLock read = LOCK.readLock();
        read.lock();
        return read::unlock;
    }

    /** Scoring sections open now, over all threads (for tests and diagnostics). */
    public static int openSections() {
        return LOCK.getReadLockCount();
    }

    /** The bound on an exit's wait: {@code -Dgennas4j.exitWaitSeconds}, default 60. */
    public static double waitSeconds() {
        String v = System.getProperty(WAIT_PROPERTY);
        if (v == null || v.isBlank()) {
            return 60;
        }
        try {
            return Math.max(0, Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            System.err.println("gennas4j: -D" + WAIT_PROPERTY + "=" + v + " is not a number of seconds; using 60");
            return 60;
        }
    }

    /**
     * The exit hook: waits (bounded) for the open sections to close and then holds new ones back.
     *
     * @return whether every section had closed within the bound
     */
    static boolean awaitScores() {
        return awaitScores(waitSeconds());
    }

    /** {@link #awaitScores()} with another bound (tests). */
    static boolean awaitScores(double wait) {
        if (wait == 0) {
            return true;
        }
        if (LOCK.getReadLockCount() > 0) {
            System.err.printf(Locale.ROOT, "gennas4j: exiting; waiting up to %.0f s for the architecture being scored to finish"
                    + " (an exit inside native PyTorch code crashes the JVM; -D%s=0 does not wait)%n", wait, WAIT_PROPERTY);
        }
        try {
            boolean done = LOCK.writeLock().tryLock((long) (wait * 1000), TimeUnit.MILLISECONDS);
            if (!done) {
                System.err.println("gennas4j: the architecture being scored did not finish in time; exiting under it");
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Undoes a successful {@link #awaitScores(double)} on this thread (tests: the JVM goes on). */
    static void reopen() {
        if (LOCK.isWriteLockedByCurrentThread()) {
            LOCK.writeLock().unlock();
        }
    }
}
