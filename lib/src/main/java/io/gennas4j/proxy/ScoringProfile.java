package io.gennas4j.proxy;

import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where a proxy's time goes, summed over the architectures it scored with this profile attached
 * ({@code RegressionProxy.builder().optProfile(profile)}). PyTorch on CPU runs each op
 * synchronously, so wall time around a phase is that phase's cost.
 */
public final class ScoringProfile {

    /** Phases of one architecture's scoring. */
    public enum Phase {
        /** Building the DJL blocks of the network and heads. */
        BUILD,
        /** Allocating and initialising parameters, creating the optimiser. */
        INITIALIZE,
        /** Drawing input noise and adding it to the batch (training and eval). */
        NOISE,
        /** Training forward pass and loss. */
        FORWARD,
        /** Backward pass (one native autograd call). */
        BACKWARD,
        /** SGD update of every parameter and zeroing the gradients. */
        OPTIMIZER,
        /** Eval-mode forward passes and loss reads. */
        EVALUATE,
        /** Closing NDArrays and managers (native memory release). */
        RELEASE
    }

    private final long[] nanos = new long[Phase.values().length];
    private long architectures;
    private long steps;
    private long arraysCreatedInSteps;

    public synchronized void add(Phase phase, long ns) {
        nanos[phase.ordinal()] += ns;
    }

    synchronized void countArchitecture() {
        architectures++;
    }

    synchronized void countStep(int arraysCreated) {
        steps++;
        arraysCreatedInSteps += arraysCreated;
    }

    public synchronized long architectures() {
        return architectures;
    }

    /** NDArrays created per training step (forward, loss, noise): one JNI call each, at least. */
    public synchronized double arraysPerStep() {
        return steps == 0 ? 0 : (double) arraysCreatedInSteps / steps;
    }

    public synchronized double seconds(Phase phase) {
        return nanos[phase.ordinal()] / 1e9;
    }

    public synchronized double totalSeconds() {
        long t = 0;
        for (long n : nanos) {
            t += n;
        }
        return t / 1e9;
    }

    /** Phase, total seconds, seconds per architecture, share of the total. */
    public synchronized Table table() {
        StringColumn phase = StringColumn.create("phase");
        DoubleColumn total = DoubleColumn.create("seconds");
        DoubleColumn per = DoubleColumn.create("seconds per arch");
        DoubleColumn share = DoubleColumn.create("share %");
        double all = totalSeconds();
        for (Phase p : Phase.values()) {
            phase.append(p.name().toLowerCase(Locale.ROOT));
            total.append(seconds(p));
            per.append(architectures == 0 ? 0 : seconds(p) / architectures);
            share.append(all == 0 ? 0 : 100 * seconds(p) / all);
        }
        return Table.create("Scoring profile (" + architectures + " architectures)", phase, total, per, share);
    }
}
