package io.gennas4j.space.nb101;

import io.gennas4j.space.InvalidArchitectureException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A NAS-Bench-101 cell before or after pruning: an upper-triangular adjacency matrix and one
 * operation label per vertex ({@code input} first, {@code output} last). Validity (at most 7
 * vertices and 9 edges) is a property of the pruned cell, see {@link #validated()}.
 * {@link #pruned()} drops vertices off every input→output path, as {@code ModelSpec._prune}
 * does; {@link #hash()} is the benchmark's graph hash ({@code graph_util.hash_module}).
 */
public final class Nb101Spec {

    public static final int MAX_VERTICES = 7;
    public static final int MAX_EDGES = 9;

    private final int[][] matrix;
    private final List<String> ops;

    private Nb101Spec(int[][] matrix, List<String> ops) {
        this.matrix = matrix;
        this.ops = List.copyOf(ops);
    }

    /**
     * A spec from a square 0/1 upper-triangular matrix and the vertex labels.
     *
     * @throws InvalidArchitectureException naming what is malformed
     */
    public static Nb101Spec of(int[][] matrix, List<String> ops) {
        int n = matrix.length;
        if (n < 2) {
            throw new InvalidArchitectureException("A NAS-Bench-101 cell needs at least input and output vertices, got " + n);
        }
        if (ops.size() != n) {
            throw new InvalidArchitectureException("The matrix has " + n + " vertices but " + ops.size() + " operations were given");
        }
        int[][] copy = new int[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new InvalidArchitectureException("The adjacency matrix must be square: row " + i + " has " + matrix[i].length + " entries, expected " + n);
            }
            copy[i] = matrix[i].clone();
            for (int j = 0; j < n; j++) {
                if (copy[i][j] != 0 && copy[i][j] != 1) {
                    throw new InvalidArchitectureException("Adjacency entries must be 0 or 1, got " + copy[i][j] + " at (" + i + ", " + j + ")");
                }
                if (j <= i && copy[i][j] != 0) {
                    throw new InvalidArchitectureException("The adjacency matrix must be strictly upper-triangular (a DAG in vertex order): edge " + i + "->" + j);
                }
            }
        }
        if (!ops.get(0).equals(Nb101Op.INPUT) || !ops.get(n - 1).equals(Nb101Op.OUTPUT)) {
            throw new InvalidArchitectureException("The first operation must be 'input' and the last 'output', got " + ops);
        }
        for (String op : ops.subList(1, n - 1)) {
            Nb101Op.fromLabel(op);
        }
        return new Nb101Spec(copy, ops);
    }

    /** Parses the CSV form: a row-major 0/1 string and {@code |}-joined operations. */
    public static Nb101Spec parse(String rowMajor, String ops) {
        List<String> labels = Arrays.asList(ops.trim().split("\\|"));
        int n = labels.size();
        String bits = rowMajor.trim();
        if (bits.length() != n * n) {
            throw new InvalidArchitectureException("Adjacency string of length " + bits.length() + " does not fit " + n
                    + " operations (expected " + n * n + " characters, row-major 0/1)");
        }
        int[][] m = new int[n][n];
        for (int k = 0; k < bits.length(); k++) {
            char c = bits.charAt(k);
            if (c != '0' && c != '1') {
                throw new InvalidArchitectureException("Adjacency string may hold only 0 and 1, found '" + c + "'");
            }
            m[k / n][k % n] = c - '0';
        }
        return of(m, labels);
    }

    public int vertices() {
        return matrix.length;
    }

    public int edges() {
        int e = 0;
        for (int[] row : matrix) {
            for (int v : row) {
                e += v;
            }
        }
        return e;
    }

    public boolean edge(int from, int to) {
        return matrix[from][to] == 1;
    }

    public int[][] matrix() {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    public List<String> ops() {
        return ops;
    }

    /** Row-major 0/1 string of the matrix. */
    public String rowMajor() {
        StringBuilder sb = new StringBuilder();
        for (int[] row : matrix) {
            for (int v : row) {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    /**
     * The spec without vertices that are not both reachable from the input and able to reach the
     * output, re-indexed.
     *
     * @throws InvalidArchitectureException if the input does not reach the output
     */
    public Nb101Spec pruned() {
        int n = matrix.length;
        boolean[] fromInput = new boolean[n];
        fromInput[0] = true;
        for (int i = 0; i < n; i++) {
            if (fromInput[i]) {
                for (int j = i + 1; j < n; j++) {
                    fromInput[j] |= matrix[i][j] == 1;
                }
            }
        }
        boolean[] toOutput = new boolean[n];
        toOutput[n - 1] = true;
        for (int j = n - 1; j >= 0; j--) {
            if (toOutput[j]) {
                for (int i = 0; i < j; i++) {
                    toOutput[i] |= matrix[i][j] == 1;
                }
            }
        }
        if (!fromInput[n - 1]) {
            throw new InvalidArchitectureException("Invalid NAS-Bench-101 cell: no path from input to output (" + rowMajor() + ", " + ops
                    + "): add edges so that vertex 0 reaches vertex " + (n - 1));
        }
        List<Integer> keep = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (fromInput[v] && toOutput[v]) {
                keep.add(v);
            }
        }
        int k = keep.size();
        int[][] m = new int[k][k];
        List<String> labels = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            labels.add(ops.get(keep.get(a)));
            for (int b = 0; b < k; b++) {
                m[a][b] = matrix[keep.get(a)][keep.get(b)];
            }
        }
        return new Nb101Spec(m, labels);
    }

    /**
     * Checks the benchmark's validity rules (spec §3.2) as NAS-Bench-101's API does: prune first
     * ({@code ModelSpec} prunes on construction), then require the <em>pruned</em> cell to have at
     * most {@value #MAX_VERTICES} vertices and {@value #MAX_EDGES} edges. An unpruned matrix may
     * be larger (e.g. 8 vertices of which one is off every input→output path).
     *
     * @return the pruned spec
     * @throws InvalidArchitectureException naming the broken rule, the count found and the fix:
     *     no input→output path, too many vertices or too many edges after pruning
     */
    public Nb101Spec validated() {
        Nb101Spec p = pruned();
        if (p.vertices() > MAX_VERTICES) {
            throw new InvalidArchitectureException("NAS-Bench-101 cells have at most " + MAX_VERTICES
                    + " vertices, got " + p.vertices() + " after pruning (of " + vertices()
                    + " given; only vertices on an input->output path count): remove interior vertices or the edges that put them on a path");
        }
        if (p.edges() > MAX_EDGES) {
            throw new InvalidArchitectureException("NAS-Bench-101 cells have at most " + MAX_EDGES
                    + " edges, got " + p.edges() + " after pruning (" + edges()
                    + " given): remove edges (vertices off every input->output path and their edges do not count)");
        }
        return p;
    }

    /** Whether {@link #validated()} would succeed. */
    public boolean isValid() {
        try {
            validated();
            return true;
        } catch (InvalidArchitectureException e) {
            return false;
        }
    }

    /**
     * NAS-Bench-101's graph hash: iterated MD5 over (out-degree, in-degree, op) labels and the
     * sorted neighbour hashes, invariant to vertex order. Computed on this spec as it is (prune
     * first to match the benchmark's keys).
     */
    public String hash() {
        int n = matrix.length;
        int[] label = new int[n];
        label[0] = -1;
        label[n - 1] = -2;
        for (int v = 1; v < n - 1; v++) {
            label[v] = Nb101Op.fromLabel(ops.get(v)).ordinal();
        }
        String[] hashes = new String[n];
        for (int v = 0; v < n; v++) {
            int in = 0;
            int out = 0;
            for (int w = 0; w < n; w++) {
                in += matrix[w][v];
                out += matrix[v][w];
            }
            hashes[v] = md5("(" + out + ", " + in + ", " + label[v] + ")");
        }
        for (int round = 0; round < n; round++) {
            String[] next = new String[n];
            for (int v = 0; v < n; v++) {
                List<String> ins = new ArrayList<>();
                List<String> outs = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    if (matrix[w][v] == 1) {
                        ins.add(hashes[w]);
                    }
                    if (matrix[v][w] == 1) {
                        outs.add(hashes[w]);
                    }
                }
                ins.sort(null);
                outs.sort(null);
                next[v] = md5(String.join("", ins) + "|" + String.join("", outs) + "|" + hashes[v]);
            }
            hashes = next;
        }
        String[] sorted = hashes.clone();
        Arrays.sort(sorted);
        StringBuilder repr = new StringBuilder("[");
        for (int i = 0; i < sorted.length; i++) {
            repr.append(i == 0 ? "" : ", ").append('\'').append(sorted[i]).append('\'');
        }
        return md5(repr.append(']').toString());
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb101Spec s && Arrays.deepEquals(matrix, s.matrix) && ops.equals(s.ops);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(matrix) * 31 + ops.hashCode();
    }

    @Override
    public String toString() {
        return rowMajor() + ";" + String.join("|", ops);
    }
}
