package io.gennas4j.proxy;

import io.gennas4j.space.NetworkSize;
import java.util.List;
import java.util.Locale;

/**
 * The knobs of the regression proxy that cost compute: network size (base channels, cells per
 * stage), SGD iterations, batch size and how often the eval-mode loss is recorded. Everything
 * else (task, learning rate, seeds) is set on the proxy itself.
 *
 * <p>{@link #PAPER} is GenNAS's protocol (spec §2). {@link #FAST} is the cheapest setting of the
 * cost–quality frontier ({@code notebooks/frontier.ipynb}, {@code environment/bench frontier})
 * whose NAS-Bench-201 CIFAR-10 ρ (200 architectures, 3 seeds) is within 0.02 of the paper's.
 *
 * @param name a label for tables and figures
 * @param channels base channels C (stages have C, 2C, 4C)
 * @param cellsPerStage cells per stage (NAS-Bench-201) or per stack (NAS-Bench-101)
 * @param iterations SGD iterations
 * @param batchSize images in the fixed batch
 * @param evalInterval the eval-mode loss is recorded every this many iterations; the score is the
 *     last one, so only the final eval counts and a larger interval only saves eval passes (an
 *     interval larger than the iterations means one eval at the end)
 */
public record Protocol(String name, int channels, int cellsPerStage, int iterations, int batchSize, int evalInterval) {

    /** GenNAS's protocol: C=16, 5 cells per stage, 100 iterations, batch 16, eval every 10. */
    public static final Protocol PAPER = new Protocol("paper", 16, 5, 100, 16, 10);

    /**
     * The named fast preset: C=8, 1 cell per stage, 20 iterations, batch 16, one eval at the end.
     * The cheapest protocol of the measured frontier within 0.02 of the paper's ρ (README,
     * "Cost–quality frontier": first 200 of GenNAS sample 0, seeds 111–113, NAS-Bench-201 CIFAR-10
     * test): mean |ρ| 0.845 ± 0.025 against the paper protocol's 0.815 ± 0.021 at 0.04 of its time
     * per architecture.
     */
    public static final Protocol FAST = new Protocol("fast", 8, 1, 20, 16, 20);

    public Protocol {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a protocol needs a name");
        }
        if (channels < 1 || cellsPerStage < 1 || iterations < 1 || batchSize < 1 || evalInterval < 1) {
            throw new IllegalArgumentException("protocol '" + name + "': channels, cells, iterations, batch and eval interval"
                    + " must all be >= 1, got " + this.describe(channels, cellsPerStage, iterations, batchSize, evalInterval));
        }
    }

    /** The named presets, for parameters cells and command lines. */
    public static List<Protocol> presets() {
        return List.of(PAPER, FAST);
    }

    /**
     * A preset by name ({@code paper}, {@code fast}; case-insensitive).
     *
     * @throws IllegalArgumentException naming the known presets
     */
    public static Protocol byName(String name) {
        for (Protocol p : presets()) {
            if (p.name.equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown protocol preset '" + name + "': use one of paper, fast"
                + " (or build one: new Protocol(name, channels, cells, iterations, batch, evalInterval))");
    }

    /**
     * A preset name ({@code paper}, {@code fast}) or a label such as {@code C16 n1 it50 b16 e50}
     * (separators: space, '-', '_' or ','; knobs left out keep the paper's value).
     *
     * @throws IllegalArgumentException naming the part that could not be read
     */
    public static Protocol parse(String text) {
        String t = text.trim();
        for (Protocol p : presets()) {
            if (p.name.equalsIgnoreCase(t)) {
                return p;
            }
        }
        Protocol q = PAPER;
        for (String part : t.split("[\\s,_-]+")) {
            String lower = part.toLowerCase(Locale.ROOT);
            try {
                if (lower.startsWith("it")) {
                    q = q.withIterations(Integer.parseInt(lower.substring(2)));
                } else if (lower.startsWith("c")) {
                    q = q.withChannels(Integer.parseInt(lower.substring(1)));
                } else if (lower.startsWith("n")) {
                    q = q.withCells(Integer.parseInt(lower.substring(1)));
                } else if (lower.startsWith("b")) {
                    q = q.withBatchSize(Integer.parseInt(lower.substring(1)));
                } else if (lower.startsWith("e")) {
                    q = q.withEvalInterval(Integer.parseInt(lower.substring(1)));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cannot read '" + part + "' in protocol '" + text + "': use a preset ("
                        + presets().stream().map(Protocol::name).toList() + ") or knobs like 'C16 n1 it50 b16 e50'"
                        + " (channels, cells per stage, iterations, batch, eval interval)");
            }
        }
        return q.named(label(q.channels, q.cellsPerStage, q.iterations, q.batchSize, q.evalInterval));
    }

    /** Whether {@code other} sets every knob the same (names aside). */
    public boolean sameKnobs(Protocol other) {
        return channels == other.channels && cellsPerStage == other.cellsPerStage && iterations == other.iterations
                && batchSize == other.batchSize && evalInterval == other.evalInterval;
    }

    public NetworkSize networkSize() {
        return new NetworkSize(channels, cellsPerStage);
    }

    public Protocol named(String newName) {
        return new Protocol(newName, channels, cellsPerStage, iterations, batchSize, evalInterval);
    }

    public Protocol withChannels(int c) {
        return new Protocol(label(c, cellsPerStage, iterations, batchSize, evalInterval), c, cellsPerStage, iterations, batchSize, evalInterval);
    }

    public Protocol withCells(int n) {
        return new Protocol(label(channels, n, iterations, batchSize, evalInterval), channels, n, iterations, batchSize, evalInterval);
    }

    /** Fewer or more iterations; the eval interval is capped at the iteration count. */
    public Protocol withIterations(int it) {
        int e = Math.min(evalInterval, it);
        return new Protocol(label(channels, cellsPerStage, it, batchSize, e), channels, cellsPerStage, it, batchSize, e);
    }

    public Protocol withBatchSize(int b) {
        return new Protocol(label(channels, cellsPerStage, iterations, b, evalInterval), channels, cellsPerStage, iterations, b, evalInterval);
    }

    public Protocol withEvalInterval(int e) {
        return new Protocol(label(channels, cellsPerStage, iterations, batchSize, e), channels, cellsPerStage, iterations, batchSize, e);
    }

    /**
     * This protocol with single knobs replaced, 0 keeping a knob as it is (parameters cells and
     * command lines use 0 for "the preset's"). Iterations are applied before the eval interval, so
     * an explicit interval wins over the cap of {@link #withIterations}. No knob set: this protocol,
     * name included.
     */
    public Protocol overriding(int newChannels, int newCells, int newIterations, int newBatchSize, int newEvalInterval) {
        Protocol p = this;
        if (newChannels > 0) {
            p = p.withChannels(newChannels);
        }
        if (newCells > 0) {
            p = p.withCells(newCells);
        }
        if (newIterations > 0) {
            p = p.withIterations(newIterations);
        }
        if (newBatchSize > 0) {
            p = p.withBatchSize(newBatchSize);
        }
        if (newEvalInterval > 0) {
            p = p.withEvalInterval(newEvalInterval);
        }
        return p;
    }

    /** A label that spells out the settings, e.g. {@code C16 n1 it100 b16 e100}. */
    public static String label(int channels, int cells, int iterations, int batch, int evalInterval) {
        return String.format(Locale.ROOT, "C%d n%d it%d b%d e%d", channels, cells, iterations, batch, evalInterval);
    }

    /** The settings in words, e.g. {@code C=16, 5 cells/stage, 100 iterations, batch 16, eval every 10}. */
    public String describe() {
        return describe(channels, cellsPerStage, iterations, batchSize, evalInterval);
    }

    private static String describe(int c, int n, int it, int b, int e) {
        return String.format(Locale.ROOT, "C=%d, %d cells/stage, %d iterations, batch %d, eval every %d", c, n, it, b, e);
    }
}
