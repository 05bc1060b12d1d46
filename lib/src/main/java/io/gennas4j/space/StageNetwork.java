package io.gennas4j.space;

import ai.djl.nn.AbstractBlock;

/**
 * A backbone whose forward pass returns the outputs of its three stages, shallowest first
 * (32×32 with C channels, 16×16 with 2C, 8×8 with 4C for CIFAR-sized input). Proxies attach their
 * heads to these; the classifier, when present, is only used by baselines that need logits.
 */
public abstract class StageNetwork extends AbstractBlock {

    /** Channel count of each stage output, shallowest first. */
    public abstract int[] stageChannels();

    /** Whether the forward pass also returns classifier logits as a fourth output. */
    public abstract boolean hasClassifier();
}
