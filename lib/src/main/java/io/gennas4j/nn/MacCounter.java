package io.gennas4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Counts the multiply–accumulates (MACs) of one forward pass of an initialised block for a single
 * image, by observing the layers that run ({@link ActivationHooks}): only what the forward pass
 * actually executes is counted, so a backbone's unused classifier costs nothing.
 *
 * <p>Two conventions:
 *
 * <ul>
 *   <li>{@link Convention#PTFLOPS}: ptflops 0.6.9 module hooks, as Eproxy counts its MACs term
 *       (spec {@code transnas-eproxy.md} A.6.4): a convolution costs k_h·k_w·(C_in/groups)·C_out·
 *       H_out·W_out plus C_out·H_out·W_out for its bias; a linear layer in·out plus out for its
 *       bias; an affine BatchNorm 2× its input elements (1× without affine parameters); a ReLU its
 *       output elements; a pooling layer its input elements. Identity, zero, padding,
 *       concatenation, additions and interpolation count 0.
 *   <li>{@link Convention#CONV_LINEAR}: convolutions and linear layers only, without biases (the
 *       "FLOPs" of most NAS papers).
 *   <li>{@link Convention#XAUTODL}: convolutions and linear layers with their biases (out elements
 *       per bias), nothing else: NAS-Bench-201's {@code get_model_infos} (xautodl
 *       {@code flop_benchmark.py}, whose pooling hooks are not summed), as the {@code flops}
 *       baseline counts them.
 * </ul>
 *
 * <pre>{@code
 * long macs = MacCounter.count(backbone, new Shape(1, 3, 32, 32), MacCounter.Convention.PTFLOPS, manager);
 * }</pre>
 */
public final class MacCounter {

    /** Which layers count, and how. */
    public enum Convention {
        /** ptflops 0.6.9 (Eproxy's MACs term). */
        PTFLOPS,
        /** Convolution and linear kernels only. */
        CONV_LINEAR,
        /** Convolution and linear kernels and biases (NAS-Bench-201's FLOPs). */
        XAUTODL
    }

    private MacCounter() {}

    private static boolean hasBias(WeightLayer layer) {
        return layer.getParameters().get("bias") != null;
    }

    /**
     * MACs of one forward pass of {@code block} (initialised) on an input of {@code inputShape},
     * divided by the batch size (the shape's first dimension). The pass runs in inference mode, so
     * running statistics are not touched, and draws no random numbers.
     *
     * @param inputShape e.g. [1, 3, 32, 32]
     * @throws IllegalArgumentException if the block is not initialised
     */
    public static long count(Block block, Shape inputShape, Convention convention, NDManager manager) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("Initialise the block before counting its MACs (block.initialize(...))");
        }
        long batch = inputShape.get(0);
        long[] total = {0};
        ActivationHooks hooks = new ActivationHooks() {
            @Override
            public NDArray afterWeightLayer(WeightLayer layer, NDArray out) {
                long outElements = out.size();
                total[0] += outElements * layer.fanIn();
                if (convention != Convention.CONV_LINEAR && hasBias(layer)) {
                    total[0] += outElements;
                }
                return out;
            }

            @Override
            public void beforeRelu(NDArray in) {
                if (convention == Convention.PTFLOPS) {
                    total[0] += in.size();
                }
            }

            @Override
            public void beforeBatchNorm(BatchNorm2d bn, NDArray in) {
                if (convention == Convention.PTFLOPS) {
                    total[0] += (bn.isAffine() ? 2 : 1) * in.size();
                }
            }

            @Override
            public void beforePool(NDArray in) {
                if (convention == Convention.PTFLOPS) {
                    total[0] += in.size();
                }
            }
        };
        try (NDManager m = manager.newSubManager();
                ActivationHooks.Installed h = ActivationHooks.install(hooks)) {
            NDArray x = m.ones(inputShape);
            block.forward(new ParameterStore(m, false), new NDList(x), false);
        }
        return total[0] / batch;
    }
}
