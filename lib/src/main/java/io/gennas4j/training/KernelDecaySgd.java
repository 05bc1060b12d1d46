package io.gennas4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's SGD with momentum, weight decay applied to conv and linear kernels only (parameters
 * with more than one dimension; biases and BatchNorm γ/β get none), as GenNAS groups them
 * (spec §2.1, porting checklist 3):
 *
 * <pre>g ← g + wd·w (kernels only);  v ← μ·v + g (v starts at g);  w ← w − lr·v</pre>
 *
 * Gradients are zeroed after each step. Holds the momentum buffers of one network.
 */
public final class KernelDecaySgd implements AutoCloseable {

    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, NDArray> velocity = new HashMap<>();

    private KernelDecaySgd(Builder b, Block block) {
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
        for (var pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                parameters.add(pair.getValue());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether weight decay applies: PyTorch names these "weight" and they have ndim > 1. */
    public static boolean isKernel(Parameter p) {
        return p.getType() == Parameter.Type.WEIGHT && p.getArray().getShape().dimension() > 1;
    }

    /** The trainable parameters this optimiser updates. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** One update from the gradients of the last backward pass, then zero them. */
    public void step() {
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            try (NDArray g = w.getGradient()) {
                if (weightDecay != 0 && isKernel(p)) {
                    try (NDArray decay = w.mul(weightDecay)) {
                        g.addi(decay);
                    }
                }
                NDArray update;
                if (momentum != 0) {
                    NDArray v = velocity.get(p.getId());
                    if (v == null) {
                        v = g.duplicate(); // PyTorch: the buffer starts at the first gradient
                        velocity.put(p.getId(), v);
                    } else {
                        v.muli(momentum).addi(g);
                    }
                    update = v;
                } else {
                    update = g;
                }
                try (NDArray scaled = update.mul(learningRate)) {
                    w.subi(scaled);
                }
                g.subi(g);
            }
        }
    }

    @Override
    public void close() {
        velocity.values().forEach(NDArray::close);
        velocity.clear();
    }

    /** Builder with the GenNAS defaults: lr 0.1, momentum 0.9, weight decay 4e-5. */
    public static final class Builder {
        private float learningRate = 0.1f;
        private float momentum = 0.9f;
        private float weightDecay = 4e-5f;

        public Builder optLearningRate(double lr) {
            this.learningRate = (float) lr;
            return this;
        }

        public Builder optMomentum(double momentum) {
            this.momentum = (float) momentum;
            return this;
        }

        public Builder optWeightDecay(double wd) {
            this.weightDecay = (float) wd;
            return this;
        }

        /** Binds the optimiser to the trainable parameters of an initialised block. */
        public KernelDecaySgd build(Block block) {
            return new KernelDecaySgd(this, block);
        }
    }
}
