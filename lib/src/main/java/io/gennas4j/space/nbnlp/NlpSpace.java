package io.gennas4j.space.nbnlp;

import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The NAS-Bench-NLP space ({@code nbnlp}, spec {@code gennas-eproxy.md} §3.5) as far as it is
 * labelled here: GenNAS samples it as a uniform index into the benchmark's training logs, so
 * sampling and mutation stay inside a pool of cells ({@link #over(List)}; the benchmark's pool is
 * {@code NbNlpTable.space()}). {@link #INSTANCE} has no pool: it parses encodings (score cache,
 * worker processes, the score command) and refuses to sample.
 *
 * <p><b>Mutation: a named deviation.</b> GenNAS moves a cell's doc2vec embedding
 * ({@code doc2vec_features_lowdim.csv}, not shared here) by Gaussian noise (std 0.5, then 1, 2, 4,
 * 8 while the nearest cell is the parent) and takes the nearest cell. Here the embedding is a
 * structural one ({@link #features}: the count of each op, the node count, the hidden tuple size,
 * and how many inputs read {@code x} and {@code h_prev_i}), standardised over the pool, with the
 * same noise ladder and Euclidean nearest neighbour; after the ladder the nearest cell other than
 * the parent is taken.
 */
public final class NlpSpace implements SearchSpace<NlpArch> {

    /** The parsing-only space (no pool). */
    public static final NlpSpace INSTANCE = new NlpSpace(List.of());

    /** The noise ladder of GenNAS's NLP mutation (standard deviations in standardised units). */
    public static final double[] MUTATION_STDS = {0.5, 1, 2, 4, 8};

    private final List<NlpArch> pool;
    private final double[][] embedding; // standardised features, one row per pool cell

    private NlpSpace(List<NlpArch> pool) {
        this.pool = Collections.unmodifiableList(new ArrayList<>(pool));
        this.embedding = standardised(this.pool);
    }

    /**
     * A space whose sampling and mutation stay within {@code cells} (duplicates removed, order kept).
     *
     * @throws IllegalArgumentException for an empty pool
     */
    public static NlpSpace over(List<NlpArch> cells) {
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("A NAS-Bench-NLP pool needs at least one cell");
        }
        Map<String, NlpArch> distinct = new LinkedHashMap<>();
        cells.forEach(c -> distinct.putIfAbsent(c.encoding(), c));
        return new NlpSpace(new ArrayList<>(distinct.values()));
    }

    /** The pool's cells (empty for {@link #INSTANCE}). */
    public List<NlpArch> pool() {
        return pool;
    }

    @Override
    public String name() {
        return "nbnlp";
    }

    @Override
    public NlpArch parse(String encoding) {
        return NlpArch.parse(encoding);
    }

    /** A uniform pool member (GenNAS: a uniform index into the logs). */
    @Override
    public NlpArch sample(Random rng) {
        requirePool();
        return pool.get(rng.nextInt(pool.size()));
    }

    /**
     * The structural-neighbour mutation described in the class comment.
     *
     * @throws IllegalArgumentException if the parent is not in the pool or the pool has one cell
     */
    @Override
    public NlpArch mutate(NlpArch parent, Random rng) {
        requirePool();
        int p = pool.indexOf(parent);
        if (p < 0) {
            throw new IllegalArgumentException("The parent cell is not in this space's pool of " + pool.size() + " cells; mutation moves"
                    + " between pool cells (build the space over a pool that contains it)");
        }
        if (pool.size() < 2) {
            throw new IllegalArgumentException("A pool of one cell has nothing to mutate to");
        }
        double[] at = embedding[p];
        for (double std : MUTATION_STDS) {
            double[] moved = new double[at.length];
            for (int d = 0; d < at.length; d++) {
                moved[d] = at[d] + std * rng.nextGaussian();
            }
            int q = nearest(moved, -1);
            if (q != p) {
                return pool.get(q);
            }
        }
        return pool.get(nearest(at, p));
    }

    private int nearest(double[] point, int excluded) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < embedding.length; i++) {
            if (i == excluded) {
                continue;
            }
            double d = 0;
            for (int k = 0; k < point.length; k++) {
                double diff = embedding[i][k] - point[k];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private void requirePool() {
        if (pool.isEmpty()) {
            throw new IllegalStateException("NlpSpace.INSTANCE only parses cells: NAS-Bench-NLP is sampled from its labelled cells,"
                    + " so use NbNlpTable.load().space() (or NlpSpace.over(cells))");
        }
    }

    /** The recurrent model's sizes: channels = emsize 400, cellsPerStage = 3 layers (NAS-Bench-NLP's). */
    @Override
    public NetworkSize defaultProxySize() {
        return new NetworkSize(400, 3);
    }

    /**
     * The structural embedding of a cell: counts of each {@link NlpOp} (in enum order), the node
     * count, the hidden tuple size, the number of inputs reading {@code x}, and the number
     * reading an {@code h_prev_i}.
     */
    public static double[] features(NlpRecipe r) {
        NlpOp[] ops = NlpOp.values();
        double[] f = new double[ops.length + 4];
        r.opCounts().forEach((op, n) -> f[op.ordinal()] = n);
        f[ops.length] = r.nodes().size();
        f[ops.length + 1] = r.hiddenTupleSize();
        for (NlpRecipe.Node n : r.nodes().values()) {
            for (String in : n.inputs()) {
                if (in.equals("x")) {
                    f[ops.length + 2]++;
                } else if (in.startsWith("h_prev_")) {
                    f[ops.length + 3]++;
                }
            }
        }
        return f;
    }

    private static double[][] standardised(List<NlpArch> pool) {
        double[][] x = new double[pool.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(pool.get(i).recipe());
        }
        if (x.length == 0) {
            return x;
        }
        int dims = x[0].length;
        for (int d = 0; d < dims; d++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[d];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[d] - mean) * (row[d] - mean);
            }
            double sd = Math.sqrt(var / x.length);
            for (double[] row : x) {
                row[d] = sd > 0 ? (row[d] - mean) / sd : 0; // a constant feature says nothing
            }
        }
        return x;
    }
}
