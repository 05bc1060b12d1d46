package io.gennas4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gennas4j.proxy.ProxyScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The driver's retry loop around Spark jobs, with scripted rounds instead of a cluster. */
class RetryRoundsTest {

    static List<ExecutorScorer.Item> items(int n) {
        List<ExecutorScorer.Item> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new ExecutorScorer.Item(i, "nb201", "a" + i));
        }
        return l;
    }

    static ProxyScore ok(ExecutorScorer.Item item) {
        return new ProxyScore(item.arch(), item.index(), 1, new double[0], null);
    }

    static SparkException abort(int position, int attempts) {
        // the message TaskSetManager.abort gives, as the driver sees it
        return new SparkException("Job aborted due to stage failure: Task " + position + " in stage 3.0 failed " + attempts
                + " times, most recent failure: Lost task " + position + ".1 in stage 3.0 (TID 9) (10.0.0.2 executor 4): "
                + "ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: Command exited with code 137\nDriver stacktrace:");
    }

    @Test
    void parsesSparksAbortMessage() {
        RetryRounds.Abort a = RetryRounds.parse(new RuntimeException("wrapped", abort(7, 4)));
        assertEquals(7, a.position());
        assertEquals(4, a.attempts());
        assertTrue(a.reason().startsWith("Lost task 7.1 in stage 3.0") && a.reason().endsWith("code 137"), a.reason());
        assertNull(RetryRounds.parse(new SparkException("Master removed our application: KILLED")));
    }

    @Test
    void anExhaustedTaskInALaterRoundIsMappedByPositionAndTheRestGoOn() {
        Map<Integer, ProxyScore> got = new TreeMap<>();
        List<List<String>> submitted = new ArrayList<>();
        int[] call = {0};
        RetryRounds.score(items(5), (round, deliver) -> {
            submitted.add(round.stream().map(ExecutorScorer.Item::arch).toList());
            call[0]++;
            if (call[0] == 1) {
                deliver.accept(0, ok(round.get(0))); // a0 done, then a1's task exhausts its attempts
                return abort(1, 2);
            }
            if (call[0] == 2) {
                // round 2 is a2, a3, a4: position 1 is a3, not index 1
                deliver.accept(0, ok(round.get(0)));
                return abort(1, 2);
            }
            round.forEach(item -> deliver.accept(round.indexOf(item), ok(item)));
            return null;
        }, (i, s) -> assertNull(got.put(i, s), "one result per architecture"));
        assertEquals(List.of(List.of("a0", "a1", "a2", "a3", "a4"), List.of("a2", "a3", "a4"), List.of("a4")), submitted);
        assertEquals(5, got.size());
        assertTrue(got.get(1).error().contains("Spark task failed 2 times: Lost task 1.1"), got.get(1).error());
        assertTrue(got.get(3).error().contains("Spark task failed 2 times"), got.get(3).error());
        for (int i : new int[] {0, 2, 4}) {
            assertTrue(got.get(i).ok(), "a" + i);
            assertEquals(i, got.get(i).value());
        }
    }

    @Test
    void anAbortNamingNoTaskFailsTheRestOnceInsteadOfLooping() {
        Map<Integer, ProxyScore> got = new TreeMap<>();
        int[] calls = {0};
        RetryRounds.score(items(3), (round, deliver) -> {
            calls[0]++;
            if (calls[0] == 1) {
                deliver.accept(2, ok(round.get(2))); // progress: the rest go once more
            }
            return new SparkException("Master removed our application: KILLED");
        }, got::put);
        assertEquals(2, calls[0], "one more round after progress, then no progress ends it");
        assertEquals(3, got.size());
        assertTrue(got.get(2).ok());
        assertTrue(got.get(0).error().contains("KILLED") && got.get(1).error().contains("KILLED"));
    }

    @Test
    void aFinishedJobThatReturnsNothingDoesNotLoop() {
        Map<Integer, ProxyScore> got = new TreeMap<>();
        RetryRounds.score(items(2), (round, deliver) -> null, got::put);
        assertEquals(2, got.size());
        assertTrue(got.get(0).error().contains("without returning"));
    }

    @Test
    void anInterruptReturnsWithoutFailingWhatIsLeft() {
        Map<Integer, ProxyScore> got = new TreeMap<>();
        try {
            RetryRounds.score(items(3), (round, deliver) -> {
                deliver.accept(0, ok(round.get(0)));
                Thread.currentThread().interrupt();
                return null;
            }, got::put);
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(0), List.copyOf(got.keySet()));
    }
}
