package io.gennas4j.proxy.eproxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.gennas4j.nn.Blocks;
import io.gennas4j.nn.WeightLayer;
import java.util.Locale;

/**
 * Eproxy's weight initialisations (spec §7.2 step 10; {@code utils.init_net} of the reference),
 * applied to every convolution and linear layer of an initialised block, redrawing its values
 * from the engine's random stream (seed it first). BatchNorm keeps γ = 1, β = 0.
 *
 * <ul>
 *   <li>{@link #PYTORCH_DEFAULT}: what a freshly built PyTorch layer holds, weights and biases
 *       U(±1/√fan_in) — Eproxy without DPS (the reference's NAS-Bench-101 network has its own
 *       initialisation commented out, so it runs on these defaults too);
 *   <li>{@link #XAVIER_UNIFORM}, {@link #XAVIER_NORMAL}: Glorot with gain 1, bias 0.01;
 *   <li>{@link #KAIMING_UNIFORM}, {@link #KAIMING_NORMAL}: He with mode fan_out and gain √2
 *       (nonlinearity relu), bias 0.
 * </ul>
 *
 * Fans are PyTorch's: fan_in = in_channels·k_h·k_w, fan_out = out_channels·k_h·k_w.
 */
public enum InitScheme {
    PYTORCH_DEFAULT,
    XAVIER_UNIFORM,
    XAVIER_NORMAL,
    KAIMING_UNIFORM,
    KAIMING_NORMAL;

    /** The four schemes DPS chooses from (the reference's {@code cnn_inits}). */
    public static final InitScheme[] SEARCHED = {XAVIER_UNIFORM, XAVIER_NORMAL, KAIMING_UNIFORM, KAIMING_NORMAL};

    /** The reference's name: {@code xavier_uniform}, …; {@code pytorch_default}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the valid schemes */
    public static InitScheme fromKey(String key) {
        for (InitScheme s : values()) {
            if (s.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown init scheme '" + key
                + "': use pytorch_default, xavier_uniform, xavier_normal, kaiming_uniform or kaiming_normal");
    }

    /**
     * Redraws the weights and biases of every convolution and linear layer under {@code block}.
     *
     * @param block an initialised block
     * @param manager where the random draws are made (closed with it)
     */
    public void apply(Block block, NDManager manager) {
        for (WeightLayer layer : Blocks.weightLayers(block)) {
            Parameter w = layer.weight();
            Shape shape = w.getArray().getShape();
            long receptive = 1;
            for (int d = 2; d < shape.dimension(); d++) {
                receptive *= shape.get(d);
            }
            double fanIn = shape.get(1) * receptive;
            double fanOut = shape.get(0) * receptive;
            NDArray drawn = switch (this) {
                case PYTORCH_DEFAULT -> uniform(manager, 1 / Math.sqrt(fanIn), shape);
                case XAVIER_UNIFORM -> uniform(manager, Math.sqrt(6 / (fanIn + fanOut)), shape);
                case XAVIER_NORMAL -> manager.randomNormal(0, (float) Math.sqrt(2 / (fanIn + fanOut)), shape, w.getArray().getDataType());
                case KAIMING_UNIFORM -> uniform(manager, Math.sqrt(6 / fanOut), shape);
                case KAIMING_NORMAL -> manager.randomNormal(0, (float) Math.sqrt(2 / fanOut), shape, w.getArray().getDataType());
            };
            overwrite(w.getArray(), drawn);
            Parameter bias = layer.getParameters().get("bias");
            if (bias != null && bias.isInitialized()) {
                NDArray b = bias.getArray();
                NDArray value = switch (this) {
                    case PYTORCH_DEFAULT -> uniform(manager, 1 / Math.sqrt(fanIn), b.getShape());
                    case XAVIER_UNIFORM, XAVIER_NORMAL -> manager.full(b.getShape(), 0.01f);
                    case KAIMING_UNIFORM, KAIMING_NORMAL -> manager.zeros(b.getShape());
                };
                overwrite(b, value);
            }
        }
    }

    private static NDArray uniform(NDManager m, double bound, Shape shape) {
        return m.randomUniform((float) -bound, (float) bound, shape);
    }

    /** In place, so the parameter keeps its identity (and its gradient flag). */
    private static void overwrite(NDArray target, NDArray value) {
        target.muli(0f).addi(value);
        value.close();
    }
}
