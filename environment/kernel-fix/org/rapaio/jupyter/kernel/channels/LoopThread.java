package org.rapaio.jupyter.kernel.channels;

/**
 * gennas4j's replacement for the rapaio Java kernel's (3.0.1, Apache-2.0) channel loop thread, put
 * ahead of the kernel jar on the class path by {@code environment/common.sh} (same class name and
 * public API, so the kernel's channels use this one).
 *
 * <p>Why: the released class sets its run flag only after {@code Thread.start()}, so a loop thread
 * that is scheduled first sees the flag false and ends before its first poll; when that is the shell
 * channel's loop the kernel never answers and the notebook run times out ("Kernel didn't respond").
 * Here the flag is set before the thread starts. A failing loop body is reported and the loop goes
 * on, so one bad message cannot silence a channel either.
 */
public final class LoopThread extends Thread {

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println("gennas4j kernel fix: " + getName() + " loop body failed, the loop goes on: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread can read it
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
