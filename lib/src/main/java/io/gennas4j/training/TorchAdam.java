package io.gennas4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's {@code torch.optim.Adam} (amsgrad off), step for step, which GenNAS trains recurrent
 * cells with (spec {@code gennas-eproxy.md} §3.5: lr 0.1, weight decay = the log's wdecay):
 *
 * <pre>
 * g ← g + wd·w                      (every parameter: L2 in the gradient, not AdamW)
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²      (both start at 0)
 * w ← w − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 *
 * DJL's own Adam puts ε on the un-corrected √v, a different step early on; this one does not.
 * Gradients are zeroed after each step. Holds the moment buffers of one network.
 */
public final class TorchAdam implements AutoCloseable {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float weightDecay;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int t;

    private TorchAdam(Builder b, Block block, java.util.Collection<Parameter> frozen) {
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.weightDecay = (float) b.weightDecay;
        for (var pair : block.getParameters()) {
            if (pair.getValue().requiresGradient() && !frozen.contains(pair.getValue())) {
                parameters.add(pair.getValue());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    /** One update from the gradients of the last backward pass, then zero them. */
    public void step() {
        t++;
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2 = Math.sqrt(1 - Math.pow(beta2, t));
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            try (NDArray g = w.getGradient()) {
                if (weightDecay != 0) {
                    try (NDArray decay = w.mul(weightDecay)) {
                        g.addi(decay);
                    }
                }
                NDArray[] mv = moments.get(p.getId());
                if (mv == null) {
                    mv = new NDArray[] {w.zerosLike(), w.zerosLike()};
                    moments.put(p.getId(), mv);
                }
                try (NDArray scaled = g.mul((float) (1 - beta1)); NDArray squared = g.square().muli((float) (1 - beta2))) {
                    mv[0].muli((float) beta1).addi(scaled);
                    mv[1].muli((float) beta2).addi(squared);
                }
                try (NDArray denom = mv[1].sqrt().divi((float) bias2).addi((float) epsilon);
                        NDArray update = mv[0].div(denom).muli((float) (learningRate / bias1))) {
                    w.subi(update);
                }
                g.subi(g);
            }
        }
    }

    @Override
    public void close() {
        moments.values().forEach(mv -> {
            mv[0].close();
            mv[1].close();
        });
        moments.clear();
    }

    /** Builder with PyTorch's defaults except the learning rate (GenNAS NLP: 0.1): β (0.9, 0.999), ε 1e-8, no decay. */
    public static final class Builder {
        private double learningRate = 0.1;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0;

        public Builder optLearningRate(double lr) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
            this.learningRate = lr;
            return this;
        }

        public Builder optBetas(double beta1, double beta2) {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder optWeightDecay(double wd) {
            if (!(wd >= 0)) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + wd);
            }
            this.weightDecay = wd;
            return this;
        }

        /** Binds the optimiser to the trainable parameters of an initialised block. */
        public TorchAdam build(Block block) {
            return new TorchAdam(this, block, List.of());
        }

        /**
         * Binds the optimiser to the trainable parameters of an initialised block except
         * {@code frozen} (parameters that get no gradient in the reference: PyTorch's Adam skips
         * them entirely, weight decay included).
         */
        public TorchAdam build(Block block, java.util.Collection<Parameter> frozen) {
            return new TorchAdam(this, block, frozen);
        }
    }
}
