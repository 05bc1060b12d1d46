package io.gennas4j.space.transnas;

import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.gennas4j.nn.Layers;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.Objects;

/**
 * A TransNAS-Bench-101 backbone (spec transnas-eproxy.md A.2): stem Conv3×3(3→C/2, s2)-BN-ReLU-
 * Conv3×3(C/2→C, s2)-BN (no final ReLU), then one module per skeleton digit, each
 * {@code cellsPerStage} micro cells or basic blocks (the benchmark: 2), the first of them
 * carrying the module's stride and width change. Digits: 1 normal, 2 channels×2, 3 stride 2, 4
 * both. Stride-2 layers map H to ⌈H/2⌉.
 *
 * <p>The taps are the outputs of the <b>last three modules</b>, shallowest first (A.3 item 3:
 * Eproxy's branch 0 is the last module), so {@link #stageChannels()} are those modules' widths;
 * proxies resize them to 8×8 (at 32×32 input they are 8×8 or smaller, and are up-sampled).
 * With {@link Builder#optClassifier(int)} a global-average-pool + Linear head (the benchmark's
 * {@code full} structure, PyTorch default init) returns logits as a fourth output.
 *
 * <p>Shapes for the micro {@code 64-41414-1_02_333}, Eproxy build, input [B, 3, 32, 32]: taps
 * [B, 256, 2, 2], [B, 256, 2, 2], [B, 512, 2, 2]; 22,520,608 parameters.
 */
public final class TransNasNetwork extends StageNetwork {

    /** How many module outputs are tapped (the last three). */
    public static final int TAPS = 3;

    private final TransNasArch arch;
    private final TransNasBuild build;

    private TransNasNetwork(Builder b, int[] widths) {
        super(lastThree(widths));
        this.arch = b.arch;
        this.build = b.build;
        Convs convs = new Convs(b.build);
        int c = b.size.channels();
        if (c % 2 != 0) {
            throw new IllegalArgumentException("TransNAS-Bench-101 needs an even base width (the stem halves it and"
                    + " FactorizedReduce splits it), got " + c);
        }
        int n = b.size.cellsPerStage();
        addTrunk("stem", new SequentialBlock()
                .add(convs.conv(3, c / 2, 3, 2)).add(Layers.batchNorm())
                .add(convs.reluConvBn(c / 2, c, 3, 2)), false);
        String skeleton = b.arch.builtSkeleton(b.build);
        int w = c;
        for (int m = 0; m < skeleton.length(); m++) {
            int digit = skeleton.charAt(m) - '0';
            int target = widths[m];
            int stride = digit > 2 ? 2 : 1;
            SequentialBlock module = new SequentialBlock();
            for (int i = 0; i < n; i++) {
                int in = i == 0 ? w : target;
                int s = i == 0 ? stride : 1;
                module.add(b.arch.isMicro()
                        ? new MicroCell(convs, b.arch.cellOps(), in, target, s)
                        : new BasicBlock(convs, in, target, s));
            }
            addTrunk("layer" + m, module, m >= skeleton.length() - TAPS);
            w = target;
        }
        if (b.numClasses > 0) {
            setClassifier("classifier", new SequentialBlock()
                    .add(x -> new NDList(Pool.globalAvgPool2d(x.singletonOrThrow())))
                    .add(Layers.linear(w, b.numClasses)));
        }
    }

    private static int[] lastThree(int[] widths) {
        if (widths.length < TAPS) {
            throw new IllegalArgumentException("a TransNAS-Bench-101 skeleton has at least 4 modules, got " + widths.length);
        }
        return new int[] {widths[widths.length - 3], widths[widths.length - 2], widths[widths.length - 1]};
    }

    /** The architecture this network was built from. */
    public TransNasArch architecture() {
        return arch;
    }

    /** How it was built. */
    public TransNasBuild build() {
        return build;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder: {@code TransNasNetwork.builder().setArchitecture(a).setSize(new NetworkSize(64, 2))
     * .optBuild(TransNasBuild.BENCHMARK).optClassifier(10).build()}.
     */
    public static final class Builder {
        private TransNasArch arch;
        private NetworkSize size;
        private TransNasBuild build;
        private int numClasses;

        public Builder setArchitecture(TransNasArch arch) {
            this.arch = arch;
            return this;
        }

        /** Base width C (the benchmark: 64) and cells or blocks per module (the benchmark: 2). */
        public Builder setSize(NetworkSize size) {
            this.size = size;
            return this;
        }

        /** Benchmark or Eproxy build (default: the architecture's space's). */
        public Builder optBuild(TransNasBuild build) {
            this.build = build;
            return this;
        }

        /** Adds a GAP + Linear classifier with {@code numClasses} outputs (0: none). */
        public Builder optClassifier(int numClasses) {
            if (numClasses < 0) {
                throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        public TransNasNetwork build() {
            Objects.requireNonNull(arch, "architecture");
            if (size == null) {
                size = arch.space().defaultProxySize();
            }
            if (build == null) {
                build = arch.space().build();
            }
            return new TransNasNetwork(this, arch.moduleWidths(size.channels(), build));
        }
    }
}
