package io.gennas4j.space.transnas;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.InvalidArchitectureException;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TransNAS-Bench-101 architecture, parsed from the benchmark's code
 * {@code <C>-<skeleton>-<cell>} (spec transnas-eproxy.md A.1): {@code 64-41414-1_02_333} (micro:
 * the fixed skeleton {@code 41414} and a cell code {@code a_bc_def}) or {@code 64-4111-basic}
 * (macro: a skeleton of 4–6 digits in 1–4 and ResNet basic blocks).
 *
 * <p>Skeleton digits: 1 normal, 2 channels×2, 3 resolution/2, 4 both. Cell code positions
 * a,b,c,d,e,f are the edges 0→1, 0→2, 1→2, 0→3, 1→3, 2→3 with op ids 0 zero, 1 skip, 2 conv1×1,
 * 3 conv3×3 ({@link TransNasOp}). Immutable; equal codes are equal architectures.
 */
public final class TransNasArch implements Architecture {

    /** The base width every code of both spaces carries. */
    public static final int BASE_CHANNELS = 64;
    /** The micro space's skeleton. */
    public static final String MICRO_SKELETON = "41414";
    /** Edges of a micro cell in code order: {source, target}. */
    public static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};

    private final TransNasSpace space;
    private final String skeleton;
    private final TransNasOp[] cell; // null for macro (basic blocks)

    TransNasArch(TransNasSpace space, String skeleton, TransNasOp[] cell) {
        this.space = space;
        this.skeleton = skeleton;
        this.cell = cell == null ? null : cell.clone();
    }

    /**
     * Parses a code of {@code space}.
     *
     * @throws InvalidArchitectureException naming the malformed field and the expected form
     */
    static TransNasArch parse(TransNasSpace space, String code) {
        if (code == null) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 code is null; expected e.g. " + space.example());
        }
        String s = code.trim();
        String[] f = s.split("-", -1);
        if (f.length != 3) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 code '" + code + "' must have three fields <C>-<skeleton>-<cell>,"
                    + " e.g. " + space.example());
        }
        if (!f[0].equals(String.valueOf(BASE_CHANNELS))) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 code '" + code + "': the base width is " + BASE_CHANNELS
                    + " in every benchmark code, got '" + f[0] + "' (set the network's width with NetworkSize instead)");
        }
        String skeleton = f[1];
        if (space.isMicro()) {
            if (!skeleton.equals(MICRO_SKELETON)) {
                throw new InvalidArchitectureException("TransNAS-Bench-101 micro code '" + code + "': the skeleton is always "
                        + MICRO_SKELETON + ", got '" + skeleton + "' (macro codes end in -basic: use space transnas-macro)");
            }
            if (f[2].equals("basic")) {
                throw new InvalidArchitectureException("TransNAS-Bench-101 code '" + code + "' is a macro code (it ends in -basic):"
                        + " use space transnas-macro");
            }
            return new TransNasArch(space, skeleton, parseCell(code, f[2]));
        }
        if (!f[2].equals("basic")) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 macro code '" + code + "' must end in -basic, got '" + f[2]
                    + "' (micro codes end in a cell code a_bc_def: use space transnas-micro)");
        }
        String problem = macroSkeletonProblem(skeleton);
        if (problem != null) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 macro code '" + code + "': " + problem);
        }
        return new TransNasArch(space, skeleton, null);
    }

    private static TransNasOp[] parseCell(String code, String cell) {
        String[] groups = cell.split("_", -1);
        if (groups.length != 3 || groups[0].length() != 1 || groups[1].length() != 2 || groups[2].length() != 3) {
            throw new InvalidArchitectureException("TransNAS-Bench-101 micro code '" + code + "': the cell must read a_bc_def"
                    + " (the ops into nodes 1, 2 and 3), got '" + cell + "'");
        }
        String digits = groups[0] + groups[1] + groups[2];
        TransNasOp[] ops = new TransNasOp[6];
        for (int e = 0; e < 6; e++) {
            char ch = digits.charAt(e);
            if (ch < '0' || ch > '3') {
                throw new InvalidArchitectureException("TransNAS-Bench-101 micro code '" + code + "': op '" + ch + "' on edge "
                        + EDGES[e][0] + "->" + EDGES[e][1] + " is not 0 (zero), 1 (skip), 2 (conv1x1) or 3 (conv3x3)");
            }
            ops[e] = TransNasOp.ofId(ch - '0');
        }
        return ops;
    }

    /**
     * Why a macro skeleton is invalid (A.1.2), or null: 4–6 digits in 1–4, between 1 and 4
     * down-samplings (digits 3, 4) and between 1 and 3 doublings (digits 2, 4).
     */
    static String macroSkeletonProblem(String skeleton) {
        if (skeleton.length() < 4 || skeleton.length() > 6) {
            return "the skeleton has 4 to 6 modules, got " + skeleton.length() + " ('" + skeleton + "')";
        }
        int down = 0;
        int doubled = 0;
        for (char ch : skeleton.toCharArray()) {
            if (ch < '1' || ch > '4') {
                return "skeleton digits are 1 (normal), 2 (channels x2), 3 (resolution /2) or 4 (both), got '" + ch + "'";
            }
            int d = ch - '0';
            down += d > 2 ? 1 : 0;
            doubled += d % 2 == 0 ? 1 : 0;
        }
        if (down < 1 || down > 4) {
            return "the skeleton needs 1 to 4 down-samplings (digits 3 or 4), got " + down;
        }
        if (doubled < 1 || doubled > 3) {
            return "the skeleton needs 1 to 3 channel doublings (digits 2 or 4), got " + doubled;
        }
        return null;
    }

    @Override
    public TransNasSpace space() {
        return space;
    }

    @Override
    public String encoding() {
        return BASE_CHANNELS + "-" + skeleton + "-" + cellField();
    }

    private String cellField() {
        if (cell == null) {
            return "basic";
        }
        StringBuilder b = new StringBuilder();
        for (int e = 0; e < 6; e++) {
            if (e == 1 || e == 3) {
                b.append('_');
            }
            b.append(cell[e].id());
        }
        return b.toString();
    }

    /** Whether this is a micro-space code (cells), not a macro one (basic blocks). */
    public boolean isMicro() {
        return cell != null;
    }

    /** The skeleton digits as written in the code (one per module). */
    public String skeleton() {
        return skeleton;
    }

    /**
     * The cell's six ops in code order (edges 0→1, 0→2, 1→2, 0→3, 1→3, 2→3).
     *
     * @throws IllegalStateException for a macro architecture (it has basic blocks, not cells)
     */
    public List<TransNasOp> cellOps() {
        if (cell == null) {
            throw new IllegalStateException(encoding() + " is a macro architecture: its modules are ResNet basic blocks, not cells");
        }
        return List.of(cell);
    }

    /**
     * The code a build turns into a network: itself for {@link TransNasBuild#BENCHMARK}; for
     * {@link TransNasBuild#EPROXY} every {@code 41414} replaced by {@code 41412}, over the whole
     * code as released (A.3 item 1).
     */
    public String builtCode(TransNasBuild build) {
        return build == TransNasBuild.EPROXY ? encoding().replace("41414", "41412") : encoding();
    }

    /** The skeleton a build uses ({@link #builtCode}'s middle field). */
    public String builtSkeleton(TransNasBuild build) {
        return builtCode(build).split("-")[1];
    }

    /**
     * Whether some path of non-zero edges leads from the cell input to its output (A.4.2). A
     * disconnected cell's output does not depend on the image (169 of the 4,096 micro cells).
     * Always true for macro architectures.
     */
    public boolean isInputConnected() {
        if (cell == null) {
            return true;
        }
        boolean[] reach = new boolean[4];
        reach[0] = true;
        for (int e = 0; e < 6; e++) {
            if (cell[e] != TransNasOp.ZERO && reach[EDGES[e][0]]) {
                reach[EDGES[e][1]] = true;
            }
        }
        return reach[3];
    }

    /**
     * Whether the cell output is exactly zero whatever the weights (A.4.2: node 3 receives only
     * zero edges or skips from zero nodes; 87 micro cells). Always false for macro architectures.
     */
    public boolean isAlwaysZero() {
        if (cell == null) {
            return false;
        }
        boolean[] zero = {false, true, true, true};
        for (int j = 1; j <= 3; j++) {
            boolean z = true;
            for (int e = 0; e < 6; e++) {
                if (EDGES[e][1] != j) {
                    continue;
                }
                TransNasOp op = cell[e];
                boolean contributesZero = op == TransNasOp.ZERO || (op == TransNasOp.SKIP && zero[EDGES[e][0]]);
                z &= contributesZero;
            }
            zero[j] = z;
        }
        return zero[3];
    }

    /** Channel width after each module for base width {@code base} under {@code build} (A.2.3). */
    public int[] moduleWidths(int base, TransNasBuild build) {
        String sk = builtSkeleton(build);
        int[] out = new int[sk.length()];
        int w = base;
        for (int m = 0; m < sk.length(); m++) {
            int digit = sk.charAt(m) - '0';
            w = digit % 2 == 0 ? 2 * w : w;
            out[m] = w;
        }
        return out;
    }

    @Override
    public StageNetwork network(NetworkSize size, int numClasses) {
        return TransNasNetwork.builder().setArchitecture(this).setSize(size).optBuild(space.build())
                .optClassifier(numClasses).build();
    }

    /** The 18 micro codes one edge away (micro only; NASLib's neighbourhood). */
    public List<TransNasArch> neighbours() {
        if (cell == null) {
            throw new IllegalStateException("neighbours() is defined for micro cells; use the space's mutate for macro codes");
        }
        List<TransNasArch> out = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            for (TransNasOp op : TransNasOp.values()) {
                if (op != cell[e]) {
                    TransNasOp[] c = cell.clone();
                    c[e] = op;
                    out.add(new TransNasArch(space, skeleton, c));
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransNasArch a && a.space.equals(space) && a.skeleton.equals(skeleton) && Arrays.equals(a.cell, cell);
    }

    @Override
    public int hashCode() {
        return encoding().hashCode() * 31 + space.hashCode();
    }

    @Override
    public String toString() {
        return encoding();
    }
}
