package io.gennas4j.space.transnas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.gennas4j.nn.BatchNorm2d;
import io.gennas4j.nn.Layers;

/**
 * DARTS' FactorizedReduce as TransNAS-Bench-101 builds it (A.2.5): ReLU, then two 1×1
 * convolutions of stride s with C_out/2 and C_out − C_out/2 filters, the second applied to the
 * ReLU output shifted up and left by one pixel (zero fill on the last row and column),
 * concatenated on channels, then BN(C_out). Used for a skip edge whose stride or width changes
 * (stride 1 in Eproxy's {@code 41412} module).
 */
final class FactorizedReduce extends AbstractBlock {

    private final Block relu;
    private final Conv2d convA;
    private final Conv2d convB;
    private final BatchNorm2d bn;
    private final int stride;
    private final int out;

    FactorizedReduce(Convs convs, int in, int out, int stride) {
        if (out % 2 != 0) {
            throw new IllegalArgumentException("FactorizedReduce needs an even output width, got " + out);
        }
        this.stride = stride;
        this.out = out;
        relu = addChildBlock("relu", Layers.relu());
        convA = addChildBlock("convA", convs.conv(in, out / 2, 1, stride));
        convB = addChildBlock("convB", convs.conv(in, out - out / 2, 1, stride));
        bn = addChildBlock("bn", Layers.batchNorm());
    }

    /** x shifted up-left by one pixel: y[i, j] = x[i+1, j+1], zero on the last row and column. */
    static NDArray shifted(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) == 1 || s.get(3) == 1) {
            return x.zerosLike(); // nothing lies below or right of a single row or column
        }
        NDArray inner = x.get(new NDIndex(":, :, 1:, 1:"));
        NDManager m = x.getManager();
        NDArray col = m.zeros(new Shape(s.get(0), s.get(1), s.get(2) - 1, 1), x.getDataType(), x.getDevice());
        NDArray rows = NDArrays.concat(new NDList(inner, col), 3);
        NDArray row = m.zeros(new Shape(s.get(0), s.get(1), 1, s.get(3)), x.getDataType(), x.getDevice());
        return NDArrays.concat(new NDList(rows, row), 2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList r = relu.forward(ps, inputs, training);
        NDArray a = convA.forward(ps, r, training).singletonOrThrow();
        NDArray b = convB.forward(ps, new NDList(shifted(r.singletonOrThrow())), training).singletonOrThrow();
        return bn.forward(ps, new NDList(NDArrays.concat(new NDList(a, b), 1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.outShape(inputShapes[0], out, stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        relu.initialize(manager, dataType, inputShapes);
        convA.initialize(manager, dataType, inputShapes);
        convB.initialize(manager, dataType, inputShapes);
        bn.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
