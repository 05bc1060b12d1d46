package io.gennas4j.space.transnas;

import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The two TransNAS-Bench-101 search spaces (Duan et al., CVPR 2021; spec transnas-eproxy.md Part
 * A): <b>micro</b>, 4^6 = 4,096 cell codes on the fixed skeleton {@code 41414}, and <b>macro</b>,
 * 3,256 skeletons of ResNet basic blocks (3,255 labelled: {@code 64-113444-basic} has no label
 * and is never sampled).
 *
 * <p>Four instances: {@link #MICRO} and {@link #MACRO} build networks as Eproxy does
 * ({@link TransNasBuild#EPROXY}), which is what every proxy here scores at CIFAR-sized 32×32
 * input; {@link #MICRO_BENCHMARK} and {@link #MACRO_BENCHMARK} build them as the benchmark
 * trained them. All four share the codes and the ground truth; their names differ, so the score
 * cache keeps them apart.
 *
 * <p>Sampling and mutation are A.4.4's recommended operators (neither paper defines any):
 * sampling is uniform over the labelled codes; micro mutation replaces one uniformly chosen
 * edge's op by one of the other three (NASLib); macro mutation picks one of three moves (change a
 * digit, insert a digit if under 6, delete one if over 4) and retries until the child is valid and
 * labelled.
 */
public final class TransNasSpace implements SearchSpace<TransNasArch> {

    /** Micro cells, built as Eproxy builds them. */
    public static final TransNasSpace MICRO = new TransNasSpace(true, TransNasBuild.EPROXY);
    /** Macro skeletons, built as Eproxy builds them. */
    public static final TransNasSpace MACRO = new TransNasSpace(false, TransNasBuild.EPROXY);
    /** Micro cells, built as the benchmark trained them. */
    public static final TransNasSpace MICRO_BENCHMARK = new TransNasSpace(true, TransNasBuild.BENCHMARK);
    /** Macro skeletons, built as the benchmark trained them. */
    public static final TransNasSpace MACRO_BENCHMARK = new TransNasSpace(false, TransNasBuild.BENCHMARK);

    /** Micro codes (all labelled). */
    public static final int MICRO_SIZE = 4_096;
    /** Macro codes in the space (A.4.1); one of them, {@value #UNLABELLED_MACRO}, is unlabelled. */
    public static final int MACRO_SIZE = 3_256;
    /** The macro code the benchmark's data does not label (A.1.5). */
    public static final String UNLABELLED_MACRO = "64-113444-basic";

    private final boolean micro;
    private final TransNasBuild build;
    private final List<TransNasArch> labelled;

    private TransNasSpace(boolean micro, TransNasBuild build) {
        this.micro = micro;
        this.build = build;
        this.labelled = Collections.unmodifiableList(enumerate());
    }

    private List<TransNasArch> enumerate() {
        List<TransNasArch> out = new ArrayList<>();
        if (micro) {
            for (int code = 0; code < MICRO_SIZE; code++) {
                TransNasOp[] ops = new TransNasOp[6];
                for (int e = 0; e < 6; e++) {
                    ops[e] = TransNasOp.ofId((code >> (2 * (5 - e))) & 3); // a is the most significant: file order
                }
                out.add(new TransNasArch(this, TransNasArch.MICRO_SKELETON, ops));
            }
            return out;
        }
        for (int length = 4; length <= 6; length++) {
            int[] digits = new int[length];
            java.util.Arrays.fill(digits, 1);
            while (true) {
                StringBuilder b = new StringBuilder();
                for (int d : digits) {
                    b.append(d);
                }
                String sk = b.toString();
                if (TransNasArch.macroSkeletonProblem(sk) == null && !("64-" + sk + "-basic").equals(UNLABELLED_MACRO)) {
                    out.add(new TransNasArch(this, sk, null));
                }
                int i = length - 1;
                while (i >= 0 && digits[i] == 4) {
                    digits[i--] = 1;
                }
                if (i < 0) {
                    break;
                }
                digits[i]++;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return (micro ? "transnas-micro" : "transnas-macro") + (build == TransNasBuild.BENCHMARK ? "-benchmark" : "");
    }

    /**
     * The space for a short name and a build, as notebooks and the bench take them.
     *
     * @param space {@code micro} or {@code macro} (or the full names {@code transnas-micro} /
     *     {@code transnas-macro})
     * @param build {@code eproxy} (what the proxies score; default) or {@code benchmark}
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TransNasSpace of(String space, String build) {
        String s = space == null ? "" : space.trim().toLowerCase();
        String b = build == null ? "" : build.trim().toLowerCase();
        boolean micro = switch (s) {
            case "micro", "transnas-micro" -> true;
            case "macro", "transnas-macro" -> false;
            default -> throw new IllegalArgumentException("TransNAS-Bench-101 space is 'micro' or 'macro', not '" + space + "'");
        };
        TransNasBuild how = switch (b) {
            case "eproxy", "" -> TransNasBuild.EPROXY;
            case "benchmark" -> TransNasBuild.BENCHMARK;
            default -> throw new IllegalArgumentException("TransNAS-Bench-101 build is 'eproxy' or 'benchmark', not '" + build + "'");
        };
        return (micro ? MICRO : MACRO).withBuild(how);
    }

    /** Whether this is the micro (cell) space. */
    public boolean isMicro() {
        return micro;
    }

    /** How this space turns codes into networks. */
    public TransNasBuild build() {
        return build;
    }

    /** The same codes built the other way. */
    public TransNasSpace withBuild(TransNasBuild other) {
        if (micro) {
            return other == TransNasBuild.EPROXY ? MICRO : MICRO_BENCHMARK;
        }
        return other == TransNasBuild.EPROXY ? MACRO : MACRO_BENCHMARK;
    }

    String example() {
        return micro ? "64-41414-1_02_333" : "64-4111-basic";
    }

    @Override
    public TransNasArch parse(String encoding) {
        return TransNasArch.parse(this, encoding);
    }

    /**
     * Every labelled code: micro in the data file's order (lexicographic in the cell code),
     * macro by length, then lexicographically (3,255, without {@value #UNLABELLED_MACRO}).
     */
    public List<TransNasArch> labelled() {
        return labelled;
    }

    /** Uniform over the labelled codes (A.4.4). */
    @Override
    public TransNasArch sample(Random rng) {
        return labelled.get(rng.nextInt(labelled.size()));
    }

    @Override
    public TransNasArch mutate(TransNasArch parent, Random rng) {
        if (parent.space() != this) {
            throw new IllegalArgumentException(parent + " belongs to " + parent.space().name() + ", not " + name());
        }
        if (micro) {
            TransNasOp[] ops = parent.cellOps().toArray(new TransNasOp[0]);
            int e = rng.nextInt(6);
            ops[e] = TransNasOp.ofId((ops[e].id() + 1 + rng.nextInt(3)) % 4);
            return new TransNasArch(this, parent.skeleton(), ops);
        }
        for (int attempt = 0; attempt < 100_000; attempt++) {
            StringBuilder sk = new StringBuilder(parent.skeleton());
            int move = rng.nextInt(3);
            if (move == 0) {
                int pos = rng.nextInt(sk.length());
                int current = sk.charAt(pos) - '0';
                sk.setCharAt(pos, (char) ('0' + 1 + (current + rng.nextInt(3)) % 4));
            } else if (move == 1) {
                if (sk.length() >= 6) {
                    continue;
                }
                sk.insert(rng.nextInt(sk.length() + 1), (char) ('1' + rng.nextInt(4)));
            } else {
                if (sk.length() <= 4) {
                    continue;
                }
                sk.deleteCharAt(rng.nextInt(sk.length()));
            }
            String s = sk.toString();
            if (TransNasArch.macroSkeletonProblem(s) == null && !("64-" + s + "-basic").equals(UNLABELLED_MACRO)
                    && !s.equals(parent.skeleton())) {
                return new TransNasArch(this, s, null);
            }
        }
        throw new IllegalStateException("No valid labelled mutation of " + parent + " found in 100,000 draws");
    }

    /** Eproxy scores the full benchmark network: base width 64, 2 cells or blocks per module (A.3 item 2). */
    @Override
    public NetworkSize defaultProxySize() {
        return new NetworkSize(TransNasArch.BASE_CHANNELS, 2);
    }

    @Override
    public String toString() {
        return name();
    }
}
