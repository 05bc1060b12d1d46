package io.gennas4j.nn;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/** Walks a block tree. */
public final class Blocks {

    private Blocks() {}

    /** Every block of type {@code type} under {@code root} (root included), depth first in order. */
    public static <T> List<T> find(Block root, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(root, type, out);
        return out;
    }

    private static <T> void collect(Block block, Class<T> type, List<T> out) {
        if (type.isInstance(block)) {
            out.add(type.cast(block));
        }
        for (Block child : block.getChildren().values()) {
            collect(child, type, out);
        }
    }

    /** The convolution and linear layers under {@code root}, in forward order of construction. */
    public static List<WeightLayer> weightLayers(Block root) {
        return find(root, WeightLayer.class);
    }

    /**
     * Replaces every {@link BatchNorm2d} under {@code root} by the identity, or restores them:
     * the reference code's "BN off" for synflow.
     */
    public static void setBatchNormEnabled(Block root, boolean enabled) {
        for (BatchNorm2d bn : find(root, BatchNorm2d.class)) {
            bn.setIdentity(!enabled);
        }
    }
}
