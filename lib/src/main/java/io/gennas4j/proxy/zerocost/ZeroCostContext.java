package io.gennas4j.proxy.zerocost;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gennas4j.nn.Blocks;
import io.gennas4j.nn.WeightLayer;
import io.gennas4j.space.StageNetwork;
import io.gennas4j.task.InputBatch;
import java.util.List;

/**
 * What a {@link ZeroCostMeasure} works with: an initialised network with its classifier, the
 * labelled batch, and helpers for the steps every measure shares (forward to logits,
 * cross-entropy, gradient collection). Arrays made here live until the architecture is done.
 */
public final class ZeroCostContext {

    private final StageNetwork network;
    private final ParameterStore parameterStore;
    private final NDManager manager;
    private final InputBatch batch;
    private final DataType dataType;
    private final int numClasses;
    private final List<WeightLayer> weightLayers;

    ZeroCostContext(StageNetwork network, NDManager manager, InputBatch batch, DataType dataType, int numClasses) {
        this.network = network;
        this.manager = manager;
        this.batch = batch;
        this.dataType = dataType;
        this.numClasses = numClasses;
        this.parameterStore = new ParameterStore(manager, false);
        this.weightLayers = Blocks.weightLayers(network);
    }

    public StageNetwork network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dataType;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The convolution and linear layers whose weights the measures read ("Conv2d and Linear"). */
    public List<WeightLayer> weightLayers() {
        return weightLayers;
    }

    /** The normalised image batch [B, 3, 32, 32] as a new array (a measure may attach gradients). */
    public NDArray images() {
        int s = batch.side();
        return manager.create(batch.images(), new Shape(batch.batchSize(), 3, s, s)).toType(dataType, false);
    }

    /** An all-ones input [n, 3, 32, 32] (synflow's). */
    public NDArray ones(int n) {
        return manager.ones(new Shape(n, 3, batch.side(), batch.side()), dataType);
    }

    /** Class labels of the batch. */
    public int[] labels() {
        return batch.labels().clone();
    }

    /** Forward pass; returns the classifier's logits [B, classes]. */
    public NDArray logits(NDArray x, boolean training) {
        NDList out = network.forward(parameterStore, new NDList(x), training);
        return out.get(out.size() - 1);
    }

    /** Mean cross-entropy of the logits against the batch labels (PyTorch's {@code F.cross_entropy}). */
    public NDArray crossEntropy(NDArray logits) {
        NDArray oneHot = manager.create(batch.labels()).oneHot(numClasses).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /** Opens gradient recording: run the forward pass and {@code backward} inside it. */
    public GradientCollector gradientCollector() {
        return Engine.getInstance().newGradientCollector();
    }

    /** The gradient of a weight layer's kernel after a backward pass. */
    public static NDArray gradient(WeightLayer layer) {
        return layer.weight().getArray().getGradient();
    }

    /** The kernel of a weight layer. */
    public static NDArray weight(WeightLayer layer) {
        return layer.weight().getArray();
    }

    /** Every parameter of the network (kernels, biases, BN affine and running statistics). */
    public List<Parameter> parameters() {
        return network.getParameters().values();
    }
}
