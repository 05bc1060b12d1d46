package io.gennas4j.spark;

import io.gennas4j.proxy.ProxyScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's loop around Spark jobs, apart from Spark so it can be tested: submit every pending
 * architecture as one job (one task each); when Spark aborts the job because one task used up its
 * attempts ({@code spark.task.maxFailures}; Spark kills the others), record that architecture as
 * failed with Spark's reason and submit the rest again. Every architecture gets exactly one result:
 * an abort that names no task, or a round without progress, fails everything left with the error
 * (never a silent drop, never an endless loop); an interrupt returns at once, leaving the rest
 * unscored (the runner reports what it kept).
 */
final class RetryRounds {

    /** One job over {@code round}; {@code deliver(position in round, score)} for each finished task. */
    interface Round {
        /** @return null if the job finished, else the exception it aborted with */
        Throwable run(List<ExecutorScorer.Item> round, BiConsumer<Integer, ProxyScore> deliver);
    }

    // Spark's abort message (TaskSetManager.abort): "Task 3 in stage 0.0 failed 2 times, most recent failure: ..."
    private static final Pattern ABORT = Pattern.compile("Task (\\d+) in stage \\S+ failed (\\d+) times?(?:, most recent failure: (.*))?",
            Pattern.DOTALL);

    private RetryRounds() {}

    /** The task position, attempts and last reason of an abort message, or null if it names no task. */
    static Abort parse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = ABORT.matcher(t.getMessage());
                if (m.find()) {
                    String reason = m.group(3) == null ? t.getMessage() : m.group(3).lines().findFirst().orElse("").trim();
                    return new Abort(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), reason);
                }
            }
        }
        return null;
    }

    /** A job aborted by task {@code position} of its round after {@code attempts} attempts. */
    record Abort(int position, int attempts, String reason) {}

    /**
     * Scores {@code items} (their {@code index} is the caller's) in rounds until each has a result.
     */
    static void score(List<ExecutorScorer.Item> items, Round rounds, BiConsumer<Integer, ProxyScore> onResult) {
        Map<Integer, ExecutorScorer.Item> pending = new LinkedHashMap<>();
        items.forEach(item -> pending.put(item.index(), item));
        while (!pending.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            List<ExecutorScorer.Item> round = new ArrayList<>(pending.values());
            int before = pending.size();
            Throwable error = rounds.run(round, (position, s) -> {
                ExecutorScorer.Item item = round.get(position);
                if (pending.remove(item.index()) != null) {
                    onResult.accept(item.index(), s);
                }
            });
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (error == null) {
                if (pending.size() < before) {
                    continue;
                }
                error = new IllegalStateException("a Spark job finished without returning these architectures");
            } else {
                Abort abort = parse(error);
                if (abort != null && abort.position() < round.size()) {
                    ExecutorScorer.Item item = round.get(abort.position());
                    if (pending.remove(item.index()) != null) {
                        onResult.accept(item.index(), ProxyScore.failed(item.arch(), 0,
                                new IllegalStateException("Spark task failed " + abort.attempts() + " times: " + abort.reason())));
                    }
                }
                if (pending.size() < before) {
                    continue; // the rest go again
                }
            }
            // no progress: Spark aborted for a reason of its own (no executors, application killed)
            for (ExecutorScorer.Item item : new ArrayList<>(pending.values())) {
                pending.remove(item.index());
                onResult.accept(item.index(), ProxyScore.failed(item.arch(), 0, error));
            }
        }
    }
}
