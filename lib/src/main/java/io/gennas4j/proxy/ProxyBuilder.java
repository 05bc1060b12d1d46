package io.gennas4j.proxy;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.space.NetworkSize;

/**
 * The options every proxy builder shares: the images its batch is drawn from, the network size,
 * the batch size and the seed. A proxy's own builder extends it and adds its own options.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 */
public abstract class ProxyBuilder<B extends ProxyBuilder<B>> {

    private Cifar10Images images;
    private NetworkSize size;
    private Integer batchSize;
    private long seed;

    protected ProxyBuilder(long defaultSeed) {
        this.seed = defaultSeed;
    }

    protected abstract B self();

    /** Images to draw the batch from (default: CIFAR-10 from the data directory). */
    public B optImages(Cifar10Images images) {
        this.images = images;
        return self();
    }

    /** Network size; default: the search space's own size for this proxy. */
    public B optNetworkSize(NetworkSize size) {
        this.size = size;
        return self();
    }

    /** Images in the batch; default: the proxy's own. */
    public B optBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** The seed; what it seeds is the proxy's to say. */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The images set, or null for the default. */
    public Cifar10Images images() {
        return images;
    }

    /** The network size set, or null for the space's. */
    public NetworkSize networkSize() {
        return size;
    }

    /** The batch size set, or null for the proxy's default. */
    public Integer batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    /** Copies these shared options into {@code other} (for builders that snapshot themselves). */
    protected void copyTo(ProxyBuilder<?> other) {
        other.images = images;
        other.size = size;
        other.batchSize = batchSize;
        other.seed = seed;
    }
}
