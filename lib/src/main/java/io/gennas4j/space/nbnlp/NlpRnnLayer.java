package io.gennas4j.space.nbnlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NAS-Bench-NLP recurrent layer ({@code CustomRNN}, spec {@code gennas-eproxy.md} §3.5): the
 * recipe evaluated once per time step in topological order, hidden states zero at the start, the
 * layer's output at each step = {@code h_new_0}.
 *
 * <ul>
 *   <li>{@code linear} over inputs in_0…in_m: Σ_i in_i·W_iᵀ + b (one weight matrix per input, one
 *       bias), W_i of shape [hidden, size(in_i)] where size(x) = the layer's input size and every
 *       other input has the hidden size. Every cell parameter, biases included, starts
 *       U(−1/√hidden, 1/√hidden) ({@code CustomRNN.reset_parameters}).
 *   <li>{@code blend}: in0·in1 + (1 − in0)·in2 (input 0 is the gate); {@code elementwise_prod/sum}
 *       over the inputs; tanh, sigmoid, leaky ReLU (slope 0.01).
 *   <li>Weight drop (DropConnect, {@code ParameterListWeightDrop}): in training mode every
 *       {@code linear} weight whose input is not {@code x} is dropped with probability
 *       {@code wdrop} (scaled by 1/(1 − wdrop)), one mask per forward pass, shared by all steps.
 *       <b>As in the reference code</b> (its {@code WeightDrop} wraps the dropped weight in a new
 *       {@code nn.Parameter}, a fresh leaf), a dropped weight passes no gradient back: with
 *       {@code wdrop} &gt; 0 the hidden-side weights keep their initial values and only the
 *       x-input weights and the biases train ({@link #frozenParameters()}). The named deviation
 *       {@code trainDroppedWeights} = true lets gradients through (DropConnect as intended).
 * </ul>
 *
 * <p>Shapes: input [L, B, inputSize], output [L, B, hiddenSize].
 */
public final class NlpRnnLayer extends AbstractBlock {

    private final NlpRecipe recipe;
    private final int inputSize;
    private final int hiddenSize;
    private final float weightDrop;
    private final boolean trainDroppedWeights;
    private final Map<String, List<Parameter>> weights = new LinkedHashMap<>(); // linear node -> one per input
    private final Map<String, Parameter> biases = new LinkedHashMap<>();

    /**
     * @param weightDrop DropConnect probability on hidden-to-hidden linear weights, 0 for none
     * @throws IllegalArgumentException for non-positive sizes or a probability outside [0, 1)
     */
    public NlpRnnLayer(NlpRecipe recipe, int inputSize, int hiddenSize, float weightDrop) {
        this(recipe, inputSize, hiddenSize, weightDrop, false);
    }

    /**
     * @param trainDroppedWeights false (reference): weight-dropped matrices get no gradient; true:
     *     they train through the DropConnect mask
     */
    public NlpRnnLayer(NlpRecipe recipe, int inputSize, int hiddenSize, float weightDrop, boolean trainDroppedWeights) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("input and hidden sizes must be >= 1, got " + inputSize + " and " + hiddenSize);
        }
        if (!(weightDrop >= 0 && weightDrop < 1)) {
            throw new IllegalArgumentException("weight drop is a probability in [0, 1), got " + weightDrop);
        }
        this.recipe = recipe;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.weightDrop = weightDrop;
        this.trainDroppedWeights = trainDroppedWeights;
        UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(hiddenSize)));
        for (NlpRecipe.Node n : recipe.topologicalOrder()) {
            if (n.op() != NlpOp.LINEAR) {
                continue;
            }
            List<Parameter> ws = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) {
                int in = n.inputs().get(i).equals("x") ? inputSize : hiddenSize;
                Parameter w = addParameter(Parameter.builder().setName(n.name() + "_w" + i).setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(hiddenSize, in)).optInitializer(init).build());
                ws.add(w);
            }
            weights.put(n.name(), ws);
            biases.put(n.name(), addParameter(Parameter.builder().setName(n.name() + "_b").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(hiddenSize)).optInitializer(init).build()));
        }
    }

    public NlpRecipe recipe() {
        return recipe;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** Every linear node's weight matrices [hidden, in], in topological order (no biases). */
    public List<Parameter> weightParameters() {
        List<Parameter> out = new ArrayList<>();
        weights.values().forEach(out::addAll);
        return out;
    }

    /**
     * The parameters the reference code never trains: with weight drop on and
     * {@code trainDroppedWeights} off, every linear weight whose input is not x (an optimiser must
     * skip them, as PyTorch's Adam skips a parameter without a gradient: no decay either).
     */
    public List<Parameter> frozenParameters() {
        List<Parameter> out = new ArrayList<>();
        if (weightDrop == 0 || trainDroppedWeights) {
            return out;
        }
        for (Parameter w : weightParameters()) {
            if (!readsInput(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Whether a weight parameter multiplies the layer's input x (weight drop spares those). */
    public boolean readsInput(Parameter weight) {
        for (var e : weights.entrySet()) {
            int i = e.getValue().indexOf(weight);
            if (i >= 0) {
                return recipe.nodes().get(e.getKey()).inputs().get(i).equals("x");
            }
        }
        throw new IllegalArgumentException(weight.getName() + " is not a weight of this layer");
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray seq = inputs.singletonOrThrow();
        long steps = seq.getShape().get(0);
        long batch = seq.getShape().get(1);
        var device = seq.getDevice();
        Map<String, List<NDArray>> w = new HashMap<>();
        Map<String, NDArray> b = new HashMap<>();
        for (var e : weights.entrySet()) {
            NlpRecipe.Node node = recipe.nodes().get(e.getKey());
            List<NDArray> ws = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                NDArray wi = ps.getValue(e.getValue().get(i), device, training);
                if (training && weightDrop > 0 && !node.inputs().get(i).equals("x")) {
                    wi = Dropout.dropout(trainDroppedWeights ? wi : wi.stopGradient(), weightDrop, true).singletonOrThrow();
                    wi.attach(seq.getManager()); // a per-forward array: freed with the step, not with the network
                }
                ws.add(wi);
            }
            w.put(e.getKey(), ws);
            b.put(e.getKey(), ps.getValue(biases.get(e.getKey()), device, training));
        }
        NDManager m = seq.getManager();
        // speed: the x terms of every linear node (and its bias) do not depend on the hidden
        // state, so they are one [L·B, in] × [in, H] product per node instead of L small ones
        long inSize = seq.getShape().get(2);
        NDArray flat = seq.reshape(steps * batch, inSize);
        Map<String, NDArray> fromInput = new HashMap<>(); // node -> [L, B, H]
        Map<String, List<NDArray>> transposed = new HashMap<>();
        for (var e : w.entrySet()) {
            NlpRecipe.Node node = recipe.nodes().get(e.getKey());
            List<NDArray> wt = new ArrayList<>();
            NDArray pre = null;
            for (int i = 0; i < e.getValue().size(); i++) {
                NDArray t = e.getValue().get(i).transpose();
                t.attach(seq.getManager());
                wt.add(t);
                if (node.inputs().get(i).equals("x")) {
                    NDArray term = flat.matMul(t);
                    pre = pre == null ? term : pre.add(term);
                }
            }
            transposed.put(e.getKey(), wt);
            if (pre != null) {
                fromInput.put(e.getKey(), pre.add(b.get(e.getKey())).reshape(steps, batch, hiddenSize));
            }
        }
        NDArray[] hidden = new NDArray[recipe.hiddenTupleSize()];
        for (int k = 0; k < hidden.length; k++) {
            hidden[k] = m.zeros(new Shape(batch, hiddenSize), seq.getDataType(), device);
        }
        NDList outputs = new NDList((int) steps);
        for (int t = 0; t < steps; t++) {
            hidden = step(seq, t, hidden, transposed, b, fromInput);
            outputs.add(hidden[0]);
        }
        return new NDList(NDArrays.stack(outputs, 0));
    }

    /** One time step with the x terms precomputed ({@code fromInput}) and transposed weights. */
    private NDArray[] step(NDArray seq, int t, NDArray[] hiddenPrev, Map<String, List<NDArray>> wt, Map<String, NDArray> b,
            Map<String, NDArray> fromInput) {
        Map<String, NDArray> values = new HashMap<>();
        for (int k = 0; k < hiddenPrev.length; k++) {
            values.put("h_prev_" + k, hiddenPrev[k]);
        }
        for (NlpRecipe.Node n : recipe.topologicalOrder()) {
            NDArray v;
            if (n.op() == NlpOp.LINEAR) {
                NDArray pre = fromInput.get(n.name());
                v = pre != null ? pre.get(t) : null;
                List<NDArray> ws = wt.get(n.name());
                for (int i = 0; i < n.inputs().size(); i++) {
                    String in = n.inputs().get(i);
                    if (!in.equals("x")) {
                        NDArray term = values.get(in).matMul(ws.get(i)); // on the step's arrays, so freed with them
                        // term + b (= b + term exactly) keeps the sum on the step's manager, not the bias's
                        v = v == null ? term.add(b.get(n.name())) : v.add(term);
                    }
                }
            } else {
                List<NDArray> in = new ArrayList<>();
                for (String name : n.inputs()) {
                    in.add(name.equals("x") ? values.computeIfAbsent("x", k -> seq.get(t)) : values.get(name));
                }
                v = apply(n, in);
            }
            values.put(n.name(), v);
        }
        NDArray[] out = new NDArray[hiddenPrev.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get("h_new_" + k);
        }
        return out;
    }

    /** A node without weights (every op but linear, which {@code forwardInternal} computes) on its inputs. */
    static NDArray apply(NlpRecipe.Node n, List<NDArray> in) {
        switch (n.op()) {
            case BLEND:
                return in.get(0).mul(in.get(1)).add(in.get(0).neg().add(1).mul(in.get(2)));
            case ELEMENTWISE_PROD: {
                NDArray y = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    y = y.mul(in.get(i));
                }
                return y;
            }
            case ELEMENTWISE_SUM: {
                NDArray y = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    y = y.add(in.get(i));
                }
                return y;
            }
            case ACTIVATION_TANH:
                return in.get(0).tanh();
            case ACTIVATION_SIGM:
                return Activation.sigmoid(in.get(0));
            case ACTIVATION_LEAKY_RELU:
                return Activation.leakyRelu(in.get(0), 0.01f);
            default:
                throw new IllegalStateException("unhandled op " + n.op());
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), hiddenSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // parameters only; their shapes are fixed at construction
    }

    @Override
    public String toString() {
        return "NlpRnnLayer(" + inputSize + " -> " + hiddenSize + ", " + recipe.nodes().size() + " nodes, wdrop " + weightDrop + ")";
    }
}
