package io.gennas4j.space.nb201;

import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import io.gennas4j.space.Architecture;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NAS-Bench-201 cell: six edges (0→1, 0→2, 1→2, 0→3, 1→3, 2→3), one operation each.
 *
 * @param ops the six operations in edge order
 * @param zeroNodeOps whether operations fed by an all-zero node are built and run as the benchmark
 *     does ({@link ZeroNodeOps#RUN}, space {@code nb201}, the default) or pruned
 *     ({@link ZeroNodeOps#PRUNE}, space {@code nb201-functional})
 */
public record Nb201Arch(List<Nb201Op> ops, ZeroNodeOps zeroNodeOps) implements Architecture {

    /** Edge order: (from, to) of each position in {@link #ops()}. */
    public static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    private static final Pattern TOKEN = Pattern.compile("([a-z0-9_]+)~(\\d+)");
    private static final String FORM = "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|";

    public Nb201Arch {
        if (ops == null || ops.size() != 6 || ops.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArchitectureException("A NAS-Bench-201 cell has exactly 6 operations, got " + ops);
        }
        ops = List.copyOf(ops);
        java.util.Objects.requireNonNull(zeroNodeOps, "zeroNodeOps");
    }

    /** The benchmark's network: every operation runs ({@link ZeroNodeOps#RUN}). */
    public Nb201Arch(List<Nb201Op> ops) {
        this(ops, ZeroNodeOps.RUN);
    }

    /** The same cell with operations fed by an all-zero node built and run, or pruned. */
    public Nb201Arch withZeroNodeOps(ZeroNodeOps mode) {
        return mode == zeroNodeOps ? this : new Nb201Arch(ops, mode);
    }

    /** The same cell in the functional view ({@link ZeroNodeOps#PRUNE}, space {@code nb201-functional}). */
    public Nb201Arch functional() {
        return withZeroNodeOps(ZeroNodeOps.PRUNE);
    }

    /**
     * Whether a convolution reads an all-zero node (a node whose inputs are all {@code none} or
     * all-zero nodes): the cells whose parameters, FLOPs and measures depend on {@link ZeroNodeOps}
     * (2,290 of the 15,625; a pooling or skip on zeros is zero and costs nothing either way).
     */
    public boolean hasConvOnZeroNode() {
        boolean[] zero = zeroNodes();
        for (int e = 0; e < 6; e++) {
            Nb201Op op = ops.get(e);
            if (zero[EDGES[e][0]] && (op == Nb201Op.NOR_CONV_1X1 || op == Nb201Op.NOR_CONV_3X3)) {
                return true;
            }
        }
        return false;
    }

    /** Which of the four nodes are all zero: every input edge is {@code none} or reads an all-zero node. */
    boolean[] zeroNodes() {
        boolean[] zero = new boolean[4];
        int e = 0;
        for (int j = 1; j <= 3; j++) {
            boolean allZero = true;
            for (int i = 0; i < j; i++, e++) {
                if (ops.get(e) != Nb201Op.NONE && !zero[i]) {
                    allZero = false;
                }
            }
            zero[j] = allZero;
        }
        return zero;
    }

    public static Nb201Arch of(Nb201Op... ops) {
        return new Nb201Arch(List.of(ops));
    }

    /**
     * Parses {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}.
     *
     * @throws InvalidArchitectureException naming the fault and the expected form
     */
    public static Nb201Arch parse(String archStr) {
        if (archStr == null || archStr.isBlank()) {
            throw new InvalidArchitectureException("Empty NAS-Bench-201 arch string; expected " + FORM);
        }
        String s = archStr.trim();
        String[] nodes = s.split("\\+", -1);
        if (nodes.length != 3) {
            throw new InvalidArchitectureException(
                    "Malformed NAS-Bench-201 arch string '" + archStr + "': expected 3 '+'-separated nodes as in "
                            + FORM + ", found " + nodes.length);
        }
        Nb201Op[] ops = new Nb201Op[6];
        int k = 0;
        for (int node = 0; node < 3; node++) {
            String part = nodes[node];
            if (!part.startsWith("|") || !part.endsWith("|") || part.length() < 2) {
                throw new InvalidArchitectureException(
                        "Malformed NAS-Bench-201 arch string '" + archStr + "': node " + (node + 1)
                                + " ('" + part + "') must be wrapped in '|' as in " + FORM);
            }
            String[] tokens = part.substring(1, part.length() - 1).split("\\|", -1);
            if (tokens.length != node + 1) {
                throw new InvalidArchitectureException(
                        "Malformed NAS-Bench-201 arch string '" + archStr + "': node " + (node + 1) + " needs "
                                + (node + 1) + " input edge(s), found " + tokens.length + "; expected " + FORM);
            }
            for (int i = 0; i <= node; i++) {
                Matcher m = TOKEN.matcher(tokens[i]);
                if (!m.matches()) {
                    throw new InvalidArchitectureException(
                            "Malformed NAS-Bench-201 edge '" + tokens[i] + "' in '" + archStr
                                    + "': expected op~source, e.g. nor_conv_3x3~0");
                }
                int source = Integer.parseInt(m.group(2));
                if (source != i) {
                    throw new InvalidArchitectureException(
                            "Malformed NAS-Bench-201 edge '" + tokens[i] + "' in '" + archStr + "': input "
                                    + (i + 1) + " of node " + (node + 1) + " must come from node " + i);
                }
                ops[k++] = Nb201Op.fromLabel(m.group(1));
            }
        }
        return new Nb201Arch(List.of(ops));
    }

    /** The architecture with the given base-5 code (edge 0→1 most significant), 0..15624. */
    public static Nb201Arch fromCode(int code) {
        if (code < 0 || code >= Nb201Space.SIZE) {
            throw new InvalidArchitectureException("NAS-Bench-201 code must be in 0.." + (Nb201Space.SIZE - 1) + ", got " + code);
        }
        Nb201Op[] ops = new Nb201Op[6];
        for (int i = 5; i >= 0; i--) {
            ops[i] = Nb201Op.values()[code % 5];
            code /= 5;
        }
        return new Nb201Arch(List.of(ops));
    }

    /** Base-5 code of the ops (lexicographic order; not the benchmark's official index). */
    public int code() {
        int code = 0;
        for (Nb201Op op : ops) {
            code = code * 5 + op.ordinal();
        }
        return code;
    }

    public Nb201Op op(int from, int to) {
        for (int e = 0; e < EDGES.length; e++) {
            if (EDGES[e][0] == from && EDGES[e][1] == to) {
                return ops.get(e);
            }
        }
        throw new IllegalArgumentException("No edge " + from + "->" + to);
    }

    /**
     * The cell's isomorphism class as NATS-Bench defines it (its "unique string",
     * {@code Structure.to_unique_str(consider_zero=True)}; spec §3.1), a string such as
     * {@code (0)@nor_conv_3x3+0+#}. Each node is written as the sum of its incoming terms, sorted
     * (addition commutes); node 0 is {@code 0}. A term is
     * <ul>
     *   <li>{@code #} (zero) when the edge's op is {@code none} or its source node is zero,</li>
     *   <li>the source node itself for {@code skip_connect} (the identity),</li>
     *   <li>{@code (source)@op} for a convolution or the pooling.</li>
     * </ul>
     * The result is node 3's expression. A node counts as zero only when its expression is exactly
     * {@code #}, i.e. node 1 fed by {@code none}: a node whose two or three inputs are all zero is
     * written {@code #+#} and not folded further, and zero terms stay in a sum. That is the
     * benchmark's definition, and it is the one under which the 15,625 cells form NATS-Bench's
     * 6,466 classes (folding every all-zero node would give fewer). Two cells with the same string
     * compute the same function for any weights shared op by op.
     *
     * @return the unique string; never null
     */
    public String canonical() {
        String[] node = new String[4];
        node[0] = "0";
        for (int to = 1; to <= 3; to++) {
            List<String> terms = new java.util.ArrayList<>(to);
            for (int from = 0; from < to; from++) {
                Nb201Op op = op(from, to);
                String source = node[from];
                if (op == Nb201Op.NONE || source.equals(ZERO)) {
                    terms.add(ZERO);
                } else if (op == Nb201Op.SKIP_CONNECT) {
                    terms.add(source);
                } else {
                    terms.add("(" + source + ")@" + op.label());
                }
            }
            java.util.Collections.sort(terms);
            node[to] = String.join("+", terms);
        }
        return node[3];
    }

    /**
     * Whether {@code other} is the same network up to NATS-Bench's isomorphism (equal
     * {@link #canonical()} strings).
     *
     * @throws NullPointerException if {@code other} is null
     */
    public boolean isomorphic(Nb201Arch other) {
        return canonical().equals(other.canonical());
    }

    private static final String ZERO = "#";

    @Override
    public Nb201Space space() {
        return zeroNodeOps == ZeroNodeOps.RUN ? Nb201Space.INSTANCE : Nb201Space.FUNCTIONAL;
    }

    @Override
    public String encoding() {
        StringJoiner nodes = new StringJoiner("+");
        int k = 0;
        for (int node = 0; node < 3; node++) {
            StringBuilder sb = new StringBuilder("|");
            for (int i = 0; i <= node; i++) {
                sb.append(ops.get(k++).label()).append('~').append(i).append('|');
            }
            nodes.add(sb);
        }
        return nodes.toString();
    }

    @Override
    public StageNetwork network(NetworkSize size, int numClasses) {
        return Nb201Network.builder().setArchitecture(this).setSize(size).optClassifier(numClasses).build();
    }

    /** The network NAS-Bench-201 trained ({@link CellVariant#BENCHMARK}: conv without bias, affine BN). */
    @Override
    public StageNetwork benchmarkNetwork(NetworkSize size, int numClasses) {
        return Nb201Network.builder().setArchitecture(this).setSize(size).optClassifier(numClasses)
                .optCellVariant(CellVariant.BENCHMARK).build();
    }

    @Override
    public String toString() {
        return encoding();
    }
}
