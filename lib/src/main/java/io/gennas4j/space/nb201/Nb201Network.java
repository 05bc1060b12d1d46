package io.gennas4j.space.nb201;

import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import io.gennas4j.nn.BatchNorm2d;
import io.gennas4j.nn.Layers;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.Objects;

/**
 * The NAS-Bench-201 macro network (spec §3.1): stem Conv3×3-BN, N cells at C, residual
 * reduction, N cells at 2C, residual reduction, N cells at 4C. The forward pass returns the three
 * stage outputs (taps after each group of N cells); with {@link Builder#optClassifier(int)} it
 * also returns logits from BN-ReLU-global-average-pool-Linear, the benchmark's top.
 */
public final class Nb201Network extends StageNetwork {

    private Nb201Network(Builder b) {
        super(b.size.channels());
        int c = b.size.channels();
        int n = b.size.cellsPerStage();
        int[] widths = stageChannels();
        addTrunk("stem", new SequentialBlock().add(Layers.conv2d(3, c, 3, 1, 1, false)).add(Layers.batchNorm()), false);
        for (int stage = 0; stage < 3; stage++) {
            int width = widths[stage];
            if (stage > 0) {
                addTrunk("reduce" + stage, new ResidualReduction(widths[stage - 1], width), false);
            }
            for (int i = 0; i < n; i++) {
                addTrunk("s" + stage + "cell" + i, new Nb201Cell(b.arch, width, b.variant), i == n - 1);
            }
        }
        if (b.numClasses > 0) {
            BatchNorm2d lastBn = Layers.batchNorm();
            setClassifier("classifier", new SequentialBlock()
                    .add(lastBn)
                    .add(Layers.relu())
                    .add(x -> new NDList(ai.djl.nn.pooling.Pool.globalAvgPool2d(x.singletonOrThrow())))
                    .add(Layers.linear(4 * c, b.numClasses)));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code Nb201Network.builder().setArchitecture(a).setSize(s).optClassifier(10).build()}. */
    public static final class Builder {
        private Nb201Arch arch;
        private NetworkSize size = Nb201Space.INSTANCE.defaultProxySize();
        private CellVariant variant = CellVariant.ZERO_COST;
        private int numClasses;

        public Builder setArchitecture(Nb201Arch arch) {
            this.arch = arch;
            return this;
        }

        public Builder setSize(NetworkSize size) {
            this.size = size;
            return this;
        }

        public Builder optCellVariant(CellVariant variant) {
            this.variant = variant;
            return this;
        }

        /** Adds the benchmark's classifier top with this many classes (0: none). */
        public Builder optClassifier(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Nb201Network build() {
            Objects.requireNonNull(arch, "architecture");
            Objects.requireNonNull(size, "size");
            return new Nb201Network(this);
        }
    }

}
