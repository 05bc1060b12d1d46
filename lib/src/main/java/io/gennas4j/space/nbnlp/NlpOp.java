package io.gennas4j.space.nbnlp;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The operations of a NAS-Bench-NLP recurrent cell (spec {@code gennas-eproxy.md} §3.5), with how
 * many inputs each takes.
 */
public enum NlpOp {
    /** y = Σ_i W_i·in_i + b: one weight matrix per input, output of the hidden size. */
    LINEAR("linear", 1, Integer.MAX_VALUE),
    /** in0·in1 + (1 − in0)·in2: a gate, then the two blended values. */
    BLEND("blend", 3, 3),
    /** The element-wise product of the inputs. */
    ELEMENTWISE_PROD("elementwise_prod", 2, Integer.MAX_VALUE),
    /** The element-wise sum of the inputs. */
    ELEMENTWISE_SUM("elementwise_sum", 2, Integer.MAX_VALUE),
    /** tanh. */
    ACTIVATION_TANH("activation_tanh", 1, 1),
    /** The logistic sigmoid. */
    ACTIVATION_SIGM("activation_sigm", 1, 1),
    /** Leaky ReLU (PyTorch's default slope 0.01). */
    ACTIVATION_LEAKY_RELU("activation_leaky_relu", 1, 1);

    private final String label;
    private final int minInputs;
    private final int maxInputs;

    NlpOp(String label, int minInputs, int maxInputs) {
        this.label = label;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    /** The name in a recipe. */
    public String label() {
        return label;
    }

    public int minInputs() {
        return minInputs;
    }

    public int maxInputs() {
        return maxInputs;
    }

    /**
     * The op with this recipe name.
     *
     * @throws IllegalArgumentException naming the known ops
     */
    public static NlpOp of(String label) {
        for (NlpOp op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + label + "' (known: "
                + Arrays.stream(values()).map(NlpOp::label).collect(Collectors.joining(", ")) + ")");
    }
}
