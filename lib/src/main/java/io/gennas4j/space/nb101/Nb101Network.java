package io.gennas4j.space.nb101;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.NormalInitializer;
import io.gennas4j.nn.Layers;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.Objects;

/**
 * The NAS-Bench-101 network (spec §3.2): stem Conv3×3-BN-ReLU 3→C, then three stacks of cells
 * with a 2×2 max-pool (channels doubling) between stacks. Stage outputs are the tensors entering
 * each max-pool and the final output. Initialisation as GenNAS applies it: conv weights
 * N(0, √(2/(k·k·C_out))), BN γ=1 β=0, linear weights N(0, 0.01).
 */
public final class Nb101Network extends StageNetwork {

    private Nb101Network(Builder b) {
        super(b.size.channels());
        int c = b.size.channels();
        int n = b.size.cellsPerStage();
        Nb101Spec spec = b.arch.spec();
        int[] widths = stageChannels();
        addTrunk("stem", convBnRelu(3, c, 3), false);
        int in = c;
        for (int stack = 0; stack < 3; stack++) {
            int out = widths[stack];
            if (stack > 0) {
                addTrunk("pool" + stack, io.gennas4j.nn.Ops.maxPool(2, 2, 0), false);
            }
            for (int i = 0; i < n; i++) {
                addTrunk("s" + stack + "cell" + i, new Nb101Cell(spec, in, out), i == n - 1);
                in = out;
            }
        }
        if (b.numClasses > 0) {
            Linear linear = Layers.linearLayer(b.numClasses);
            linear.getParameters().get("weight").setInitializer(new NormalInitializer(0.01f));
            linear.getParameters().get("bias").setInitializer(ai.djl.training.initializer.Initializer.ZEROS);
            setClassifier("classifier", new SequentialBlock()
                    .add(x -> new NDList(Pool.globalAvgPool2d(x.singletonOrThrow())))
                    .add(linear));
        }
    }

    /** Conv(no bias)-BN-ReLU with the NAS-Bench-101 initialisation. */
    static SequentialBlock convBnRelu(int in, int out, int kernel) {
        Conv2d conv = Layers.conv2d(in, out, kernel, 1, kernel / 2, false);
        conv.getParameters().get("weight").setInitializer(
                new NormalInitializer((float) Math.sqrt(2.0 / (kernel * kernel * out))));
        return new SequentialBlock().add(conv).add(Layers.batchNorm()).add(Layers.relu());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code Nb101Network.builder().setArchitecture(a).setSize(s).optClassifier(10).build()}. */
    public static final class Builder {
        private Nb101Arch arch;
        private NetworkSize size = Nb101Space.INSTANCE.defaultProxySize();
        private int numClasses;

        public Builder setArchitecture(Nb101Arch arch) {
            this.arch = arch;
            return this;
        }

        /** Stem channels C and cells per stack (GenNAS: C=16, 3; the benchmark: C=128, 3). */
        public Builder setSize(NetworkSize size) {
            this.size = size;
            return this;
        }

        public Builder optClassifier(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Nb101Network build() {
            Objects.requireNonNull(arch, "architecture");
            return new Nb101Network(this);
        }
    }

}
