package io.gennas4j.space.nbnlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.gennas4j.nn.Layers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network GenNAS regresses with on NAS-Bench-NLP ({@code NBNLPWrapper}, spec
 * {@code gennas-eproxy.md} §3.5): a linear encoder D → emsize (weight U(−0.1, 0.1), bias
 * PyTorch's default), {@code nlayers} {@link NlpRnnLayer}s of the recipe (emsize → nhid, nhid →
 * nhid, …, nhid → emsize when tied), locked dropout {@code dropouth} between layers and
 * {@code dropout} on the last layer's output (one mask per sequence, shared over time), and a
 * linear decoder emsize → D (weight U(−0.1, 0.1), bias 0). The language model's embedding is not
 * used.
 *
 * <p>Defaults are NAS-Bench-NLP's PTB training settings, as its training logs record them (e.g.
 * recepie_id 1000000's log: emsize 400, nhid 600, 3 layers, tied, dropout 0.1, dropouth 0.25, wdrop
 * 0.1; dropouti and dropoute belong to the unused embedding); every shared PTB parameter count is
 * reproduced with these sizes ({@code NlpModelTest}).
 *
 * <p>Shapes: input [L, B, D], output [L, B, D].
 */
public final class NlpModel extends AbstractBlock {

    private final Linear encoder;
    private final List<NlpRnnLayer> layers = new ArrayList<>();
    private final Linear decoder;
    private final float dropout;
    private final float dropoutHidden;

    private NlpModel(Builder b) {
        this.dropout = b.dropout;
        this.dropoutHidden = b.dropoutHidden;
        encoder = addChildBlock("encoder", Layers.linear(b.dimension, b.emsize));
        encoder.getParameters().get("weight").setInitializer(new UniformInitializer(0.1f));
        for (int l = 0; l < b.layers; l++) {
            int in = l == 0 ? b.emsize : b.nhid;
            int out = l == b.layers - 1 && b.tied ? b.emsize : b.nhid;
            layers.add(addChildBlock("rnn" + l, new NlpRnnLayer(b.recipe, in, out, b.weightDrop, b.trainDroppedWeights)));
        }
        int last = layers.get(layers.size() - 1).hiddenSize();
        decoder = addChildBlock("decoder", Layers.linear(last, b.dimension));
        decoder.getParameters().get("weight").setInitializer(new UniformInitializer(0.1f));
        decoder.getParameters().get("bias").setInitializer(Initializer.ZEROS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recurrent layers, input first. */
    public List<NlpRnnLayer> layers() {
        return List.copyOf(layers);
    }

    private static NDArray lockedDropout(NDArray x, float p, boolean training) {
        if (!training || p == 0) {
            return x;
        }
        Shape s = x.getShape();
        NDArray mask = Dropout.dropout(x.getManager().ones(new Shape(1, s.get(1), s.get(2)), x.getDataType(), x.getDevice()), p, true)
                .singletonOrThrow();
        return x.mul(mask);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training, java.util.function.UnaryOperator.identity()));
    }

    /**
     * The forward pass with a hook on each recurrent layer's output [L, B, H] before its dropout
     * (what the hook returns goes on): the fisher measure adds a zero probe there to read the
     * loss gradient of every hidden unit.
     *
     * @param x [L, B, D]
     * @return [L, B, D]
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training, java.util.function.UnaryOperator<NDArray> layerOutput) {
        NDArray h = encoder.forward(ps, new NDList(x), training).singletonOrThrow();
        for (int l = 0; l < layers.size(); l++) {
            h = layerOutput.apply(layers.get(l).forward(ps, new NDList(h), training).singletonOrThrow());
            h = lockedDropout(h, l == layers.size() - 1 ? dropout : dropoutHidden, training);
        }
        return decoder.forward(ps, new NDList(h), training).singletonOrThrow();
    }

    /** The weight matrices the zero-cost measures read: encoder, every cell linear, decoder (no biases). */
    public List<ai.djl.nn.Parameter> weightParameters() {
        List<ai.djl.nn.Parameter> out = new ArrayList<>();
        out.add(encoder.getParameters().get("weight"));
        layers.forEach(l -> out.addAll(l.weightParameters()));
        out.add(decoder.getParameters().get("weight"));
        return out;
    }

    /** The parameters training must leave alone ({@link NlpRnnLayer#frozenParameters()} of every layer). */
    public List<ai.djl.nn.Parameter> frozenParameters() {
        List<ai.djl.nn.Parameter> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.frozenParameters()));
        return out;
    }

    /** Parameters of the recurrent layers (weights and biases): what differs between cells. */
    public long recurrentParameterCount() {
        long n = 0;
        for (NlpRnnLayer l : layers) {
            for (var p : l.getParameters()) {
                n += p.getValue().getShape().size();
            }
        }
        return n;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        encoder.initialize(manager, dataType, s);
        Shape h = encoder.getOutputShapes(new Shape[] {s})[0];
        for (NlpRnnLayer layer : layers) {
            layer.initialize(manager, dataType, h);
            h = layer.getOutputShapes(new Shape[] {h})[0];
        }
        decoder.initialize(manager, dataType, h);
    }

    /** Builder: {@code NlpModel.builder().setRecipe(r).setDimension(48).build()}. */
    public static final class Builder {
        private NlpRecipe recipe;
        private int dimension;
        private int emsize = 400;
        private int nhid = 600;
        private int layers = 3;
        private boolean tied = true;
        private float dropout = 0.1f;
        private float dropoutHidden = 0.25f;
        private float weightDrop = 0.1f;
        private boolean trainDroppedWeights;

        public Builder setRecipe(NlpRecipe recipe) {
            this.recipe = recipe;
            return this;
        }

        /** D: the signal's dimension, the encoder's input and the decoder's output. */
        public Builder setDimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Embedding size (default 400) and hidden size (default 600). */
        public Builder optSizes(int emsize, int nhid) {
            this.emsize = emsize;
            this.nhid = nhid;
            return this;
        }

        /** Number of recurrent layers (default 3). */
        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Whether the last layer has the embedding size (tied weights in the language model; default true). */
        public Builder optTied(boolean tied) {
            this.tied = tied;
            return this;
        }

        /** Locked dropout on the output (0.1) and between layers (0.25), weight drop (0.1). */
        public Builder optDropouts(float dropout, float dropoutHidden, float weightDrop) {
            this.dropout = dropout;
            this.dropoutHidden = dropoutHidden;
            this.weightDrop = weightDrop;
            return this;
        }

        /**
         * Whether weight-dropped hidden-side matrices train (default false, as the reference code:
         * they keep their initial values; true is a named deviation, see {@link NlpRnnLayer}).
         */
        public Builder optTrainDroppedWeights(boolean train) {
            this.trainDroppedWeights = train;
            return this;
        }

        /** @throws IllegalArgumentException for a missing recipe, sizes below 1 or probabilities outside [0, 1) */
        public NlpModel build() {
            Objects.requireNonNull(recipe, "recipe");
            if (dimension < 1 || emsize < 1 || nhid < 1 || layers < 1) {
                throw new IllegalArgumentException("dimension, emsize, nhid and layers must be >= 1, got " + dimension + ", " + emsize
                        + ", " + nhid + ", " + layers);
            }
            for (float p : new float[] {dropout, dropoutHidden, weightDrop}) {
                if (!(p >= 0 && p < 1)) {
                    throw new IllegalArgumentException("dropout probabilities are in [0, 1), got " + p);
                }
            }
            return new NlpModel(this);
        }
    }
}
