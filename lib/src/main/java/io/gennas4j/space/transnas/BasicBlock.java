package io.gennas4j.space.transnas;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.BatchNorm2d;

/**
 * The macro space's ResNet basic block, inplanes → planes, stride s (A.2.6): ReLU-Conv3×3(s)-BN,
 * ReLU-Conv3×3-BN, plus a shortcut that is Conv1×1(s)-BN when the stride or the width changes and
 * the identity otherwise (that BN with the benchmark's eps 1 and momentum 1, see {@link #shortcutNorm()}). No ReLU after the sum (the next block starts with one).
 */
final class BasicBlock extends AbstractBlock {

    private final SequentialBlock convA;
    private final SequentialBlock convB;
    private final SequentialBlock shortcut; // null: identity
    private final int planes;
    private final int stride;

    BasicBlock(Convs convs, int inplanes, int planes, int stride) {
        this.planes = planes;
        this.stride = stride;
        convA = addChildBlock("convA", convs.reluConvBn(inplanes, planes, 3, stride));
        convB = addChildBlock("convB", convs.reluConvBn(planes, planes, 3, 1));
        boolean projects = stride != 1 || inplanes != planes;
        shortcut = projects
                ? addChildBlock("shortcut", new SequentialBlock().add(convs.conv(inplanes, planes, 1, stride)).add(shortcutNorm()))
                : null;
    }

    /**
     * The benchmark writes {@code nn.BatchNorm2d(planes, affine, track_running_stats)}: positional
     * arguments, so its shortcut BN has eps = True = 1.0 and momentum = True = 1.0 (running
     * statistics replaced by each batch's). Kept, since it changes every macro forward pass (the
     * spec's A.6.5 values need it).
     */
    static BatchNorm2d shortcutNorm() {
        return BatchNorm2d.builder().optEps(1f).optMomentum(1f).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList f = convB.forward(ps, convA.forward(ps, inputs, training), training);
        NDList s = shortcut == null ? inputs : shortcut.forward(ps, inputs, training);
        return new NDList(s.singletonOrThrow().add(f.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.outShape(inputShapes[0], planes, stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convA.initialize(manager, dataType, inputShapes);
        convB.initialize(manager, dataType, getOutputShapes(inputShapes));
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
