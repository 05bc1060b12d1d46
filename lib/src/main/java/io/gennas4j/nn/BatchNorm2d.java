package io.gennas4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * PyTorch's {@code BatchNorm2d} with its exact semantics, including the two flags DJL's own
 * {@code BatchNorm} block lacks: {@code affine} and {@code track_running_stats}.
 *
 * <ul>
 *   <li>Training, or {@code trackRunningStats=false}: normalise with the batch statistics.
 *   <li>Evaluation with {@code trackRunningStats=true}: normalise with the running statistics,
 *       updated during training with PyTorch's momentum (0.1) and unbiased variance.
 *   <li>{@code affine=false}: γ=1, β=0 and not trained.
 * </ul>
 *
 * <p>NAS-Bench-201 cells use {@code affine=false, trackRunningStats=false}; heads, stems and
 * reduction blocks use the defaults (both true).
 */
public final class BatchNorm2d extends AbstractBlock {

    private final boolean affine;
    private final boolean trackRunningStats;
    private final float momentum;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private boolean identity;

    private BatchNorm2d(Builder builder) {
        this.affine = builder.affine;
        this.trackRunningStats = builder.trackRunningStats;
        this.momentum = builder.momentum;
        this.eps = builder.eps;
        gamma = addParameter(
                Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                        .optRequiresGrad(affine).build());
        beta = addParameter(
                Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                        .optRequiresGrad(affine).build());
        runningMean = addParameter(
                Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                        .optRequiresGrad(false).build());
        runningVar = addParameter(
                Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                        .optRequiresGrad(false).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isAffine() {
        return affine;
    }

    public boolean tracksRunningStats() {
        return trackRunningStats;
    }

    /**
     * Makes the forward pass the identity (true) or BatchNorm again (false): the reference code's
     * way of running a network "without BN" (synflow) without building a second one.
     */
    public void setIdentity(boolean identity) {
        this.identity = identity;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (identity) {
            return new NDList(x);
        }
        ActivationHooks hooks = ActivationHooks.current();
        if (hooks != null) {
            hooks.beforeBatchNorm(this, x);
        }
        var device = x.getDevice();
        NDArray g = parameterStore.getValue(gamma, device, training);
        NDArray b = parameterStore.getValue(beta, device, training);
        NDArray mean = parameterStore.getValue(runningMean, device, training);
        NDArray var = parameterStore.getValue(runningVar, device, training);
        boolean useBatchStats = training || !trackRunningStats;
        // axis -1 tells DJL's PyTorch engine to call torch.batch_norm directly (channel axis 1)
        // instead of swapping axes around it. DJL passes (1 - momentum) to PyTorch.
        return x.getNDArrayInternal()
                .batchNorm(x, mean, var, g, b, -1, 1f - momentum, eps, useBatchStats);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        gamma.setShape(channels);
        beta.setShape(channels);
        runningMean.setShape(channels);
        runningVar.setShape(channels);
        gamma.setInitializer(Initializer.ONES);
        beta.setInitializer(Initializer.ZEROS);
        runningMean.setInitializer(Initializer.ZEROS);
        runningVar.setInitializer(Initializer.ONES);
    }

    @Override
    public String toString() {
        return "BatchNorm2d(affine=" + affine + ", track=" + trackRunningStats + ")";
    }

    /** Builder with PyTorch's defaults: affine, tracked, momentum 0.1, eps 1e-5. */
    public static final class Builder {
        private boolean affine = true;
        private boolean trackRunningStats = true;
        private float momentum = 0.1f;
        private float eps = 1e-5f;

        public Builder optAffine(boolean affine) {
            this.affine = affine;
            return this;
        }

        public Builder optTrackRunningStats(boolean track) {
            this.trackRunningStats = track;
            return this;
        }

        /** PyTorch convention: running = (1 - momentum) * running + momentum * batch. */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public BatchNorm2d build() {
            return new BatchNorm2d(this);
        }
    }
}
