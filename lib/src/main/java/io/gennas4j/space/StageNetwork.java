package io.gennas4j.space;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A backbone whose forward pass returns the outputs of its three stages, shallowest first
 * (for NAS-Bench-201/101 and CIFAR-sized input: 32×32 with C channels, 16×16 with 2C, 8×8 with
 * 4C; TransNAS-Bench-101 taps its last three modules, maps of 8×8 or smaller). Proxies attach their
 * heads to these; the classifier, when present, is only used by baselines that need logits.
 *
 * <p>A search space's network is a trunk of blocks run in order, some of them tapped as stage
 * outputs, and an optional classifier on the last trunk output: subclasses add them in their
 * constructor with {@link #addTrunk} and {@link #setClassifier} (the order of those calls is the
 * order parameters are initialised in, which fixes what a seed draws).
 */
public abstract class StageNetwork extends AbstractBlock {

    private final List<Block> trunk = new ArrayList<>();
    private final List<Boolean> tapAfter = new ArrayList<>();
    private final int[] stageChannels;
    private Block classifier;

    /** @param baseChannels C: the stages have C, 2C and 4C channels */
    protected StageNetwork(int baseChannels) {
        this(new int[] {baseChannels, 2 * baseChannels, 4 * baseChannels});
    }

    /**
     * For spaces whose tapped outputs do not follow C, 2C, 4C (TransNAS-Bench-101 taps its last
     * three modules, whatever their widths).
     *
     * @param stageChannels the width of each tapped output, shallowest first
     */
    protected StageNetwork(int[] stageChannels) {
        if (stageChannels.length == 0) {
            throw new IllegalArgumentException("a stage network needs at least one tapped output");
        }
        this.stageChannels = stageChannels.clone();
    }

    /** Appends a block to the trunk; {@code tap}: its output is a stage output. */
    protected final void addTrunk(String name, Block block, boolean tap) {
        trunk.add(addChildBlock(name, block));
        tapAfter.add(tap);
    }

    /** The classifier applied to the last trunk output; its logits are a fourth output. */
    protected final void setClassifier(String name, Block block) {
        classifier = addChildBlock(name, block);
    }

    /** Channel count of each stage output, shallowest first. */
    public int[] stageChannels() {
        return stageChannels.clone();
    }

    /** Whether the forward pass also returns classifier logits as a fourth output. */
    public boolean hasClassifier() {
        return classifier != null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDList out = new NDList(4);
        for (int i = 0; i < trunk.size(); i++) {
            x = trunk.get(i).forward(ps, x, training);
            if (tapAfter.get(i)) {
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
            if (tapAfter.get(i)) {
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
}
