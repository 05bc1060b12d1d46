package io.gennas4j.running;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.space.Architecture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores a list of architectures with one proxy, one at a time in this process, and collects a
 * table with columns {@code arch}, {@code score}, {@code seconds}, {@code error}.
 *
 * <p>Results are appended to {@link #results()} as they finish, so an interrupted or failed run
 * keeps everything done so far. A failing architecture is recorded with its error and the run
 * goes on. With a checkpoint file every finished row is also appended to a CSV, and a new run
 * with the same proxy settings skips the architectures already in it.
 */
public final class ScoringRunner {

    private final Proxy proxy;
    private final ProgressListener progress;
    private final Path checkpoint;
    private final Table results = emptyTable();
    private final List<ProxyScore> scores = new ArrayList<>();

    private ScoringRunner(Builder b) {
        this.proxy = b.proxy;
        this.progress = b.progress;
        this.checkpoint = b.checkpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    static Table emptyTable() {
        return Table.create("scores", StringColumn.create("arch"), DoubleColumn.create("score"),
                DoubleColumn.create("seconds"), StringColumn.create("error"));
    }

    /** Everything finished so far, also after an interruption. */
    public Table results() {
        return results;
    }

    /** The scores with their traces, in the order they finished. */
    public List<ProxyScore> scores() {
        return List.copyOf(scores);
    }

    /**
     * Scores {@code archs} in order. Stops early, keeping what is finished, if the thread is
     * interrupted.
     *
     * @return {@link #results()}
     */
    public Table run(List<? extends Architecture> archs) {
        Map<String, ProxyScore> done = checkpoint != null ? readCheckpoint() : new HashMap<>();
        long start = System.nanoTime();
        int n = 0;
        for (Architecture arch : archs) {
            if (Thread.currentThread().isInterrupted()) {
                System.out.println("Interrupted: kept " + results.rowCount() + " of " + archs.size() + " scores");
                break;
            }
            ProxyScore s = done.get(arch.encoding());
            if (s == null) {
                s = proxy.score(arch);
                appendCheckpoint(s);
            }
            add(s);
            progress.onScore(++n, archs.size(), s, (System.nanoTime() - start) / 1e9);
        }
        return results;
    }

    private void add(ProxyScore s) {
        scores.add(s);
        results.stringColumn("arch").append(s.arch());
        if (s.ok()) {
            results.doubleColumn("score").append(s.value());
        } else {
            results.doubleColumn("score").appendMissing();
        }
        results.doubleColumn("seconds").append(s.seconds());
        results.stringColumn("error").append(s.error() == null ? "" : s.error());
    }

    private String settingsLine() {
        return "# settings " + Integer.toHexString(proxy.settings().toString().hashCode()) + " " + proxy.name();
    }

    private Map<String, ProxyScore> readCheckpoint() {
        Map<String, ProxyScore> done = new HashMap<>();
        if (!Files.exists(checkpoint)) {
            return done;
        }
        try {
            List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return done;
            }
            if (!lines.get(0).equals(settingsLine())) {
                throw new IllegalStateException("Checkpoint " + checkpoint + " was written with other proxy settings ("
                        + lines.get(0) + "); delete it or choose another checkpoint path");
            }
            for (String line : lines.subList(2, lines.size())) {
                String[] f = line.split(",", 4);
                if (f.length == 4) {
                    String err = f[3].isEmpty() ? null : f[3];
                    done.put(f[0], new ProxyScore(f[0], f[1].isEmpty() ? Double.NaN : Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), null, err));
                }
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read checkpoint " + checkpoint, e);
        }
    }

    private void appendCheckpoint(ProxyScore s) {
        if (checkpoint == null) {
            return;
        }
        try {
            boolean fresh = !Files.exists(checkpoint) || Files.size(checkpoint) == 0;
            if (checkpoint.getParent() != null) {
                Files.createDirectories(checkpoint.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(checkpoint, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(settingsLine() + "\narch,score,seconds,error\n");
                }
                String err = s.error() == null ? "" : s.error().replace('\n', ' ').replace(',', ';');
                w.write(String.format(Locale.ROOT, "%s,%s,%.3f,%s%n", s.arch(), s.ok() ? String.valueOf(s.value()) : "",
                        s.seconds(), err));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + checkpoint, e);
        }
    }

    /** Builder: {@code ScoringRunner.builder().setProxy(p).optProgress(...).optCheckpoint(path).build()}. */
    public static final class Builder {
        private Proxy proxy;
        private ProgressListener progress = ProgressListener.console(10);
        private Path checkpoint;

        public Builder setProxy(Proxy proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** A CSV that keeps finished rows across runs of the same proxy settings. */
        public Builder optCheckpoint(Path checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        public ScoringRunner build() {
            Objects.requireNonNull(proxy, "proxy");
            return new ScoringRunner(this);
        }
    }
}
