package io.gennas4j.space.nb201;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.BatchNorm2d;
import io.gennas4j.nn.Layers;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.StageNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The NAS-Bench-201 macro network (spec §3.1): stem Conv3×3-BN, N cells at C, residual
 * reduction, N cells at 2C, residual reduction, N cells at 4C. The forward pass returns the three
 * stage outputs (taps after each group of N cells); with {@link Builder#optClassifier(int)} it
 * also returns logits from BN-ReLU-global-average-pool-Linear, the benchmark's top.
 */
public final class Nb201Network extends StageNetwork {

    private final List<Block> trunk = new ArrayList<>();
    private final boolean[] tapAfter;
    private final int[] stageChannels;
    private final SequentialBlock classifier;

    private Nb201Network(Builder b) {
        int c = b.size.channels();
        int n = b.size.cellsPerStage();
        stageChannels = new int[] {c, 2 * c, 4 * c};
        trunk.add(addChildBlock("stem",
                new SequentialBlock().add(Layers.conv2d(3, c, 3, 1, 1, false)).add(Layers.batchNorm())));
        List<Boolean> taps = new ArrayList<>();
        taps.add(false);
        for (int stage = 0; stage < 3; stage++) {
            int width = stageChannels[stage];
            if (stage > 0) {
                trunk.add(addChildBlock("reduce" + stage, new ResidualReduction(stageChannels[stage - 1], width)));
                taps.add(false);
            }
            for (int i = 0; i < n; i++) {
                trunk.add(addChildBlock("s" + stage + "cell" + i, new Nb201Cell(b.arch, width, b.variant)));
                taps.add(i == n - 1);
            }
        }
        tapAfter = new boolean[taps.size()];
        for (int i = 0; i < tapAfter.length; i++) {
            tapAfter[i] = taps.get(i);
        }
        if (b.numClasses > 0) {
            BatchNorm2d lastBn = Layers.batchNorm();
            classifier = addChildBlock("classifier",
                    new SequentialBlock()
                            .add(lastBn)
                            .add(Layers.relu())
                            .add(x -> new NDList(ai.djl.nn.pooling.Pool.globalAvgPool2d(x.singletonOrThrow())))
                            .add(Layers.linear(4 * c, b.numClasses)));
        } else {
            classifier = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] stageChannels() {
        return stageChannels.clone();
    }

    @Override
    public boolean hasClassifier() {
        return classifier != null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDList out = new NDList(4);
        for (int i = 0; i < trunk.size(); i++) {
            x = trunk.get(i).forward(ps, x, training);
            if (tapAfter[i]) {
                out.add(x.singletonOrThrow());
            }
        }
        if (classifier != null) {
            out.add(classifier.forward(ps, x, training).singletonOrThrow());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < trunk.size(); i++) {
            shapes = trunk.get(i).getOutputShapes(shapes);
            if (tapAfter[i]) {
                out.add(shapes[0]);
            }
        }
        if (classifier != null) {
            out.add(classifier.getOutputShapes(shapes)[0]);
        }
        return out.toArray(new Shape[0]);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : trunk) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
        if (classifier != null) {
            classifier.initialize(manager, dataType, shapes);
        }
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
