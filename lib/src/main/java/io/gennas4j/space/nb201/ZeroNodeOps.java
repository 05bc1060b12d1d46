package io.gennas4j.space.nb201;

/**
 * What a NAS-Bench-201 network does with an operation whose source node is all zero (the node's
 * every input edge is {@code none}, or comes from such a node); 2,290 of the 15,625 cells have a convolution on one.
 *
 * <ul>
 *   <li>{@link #RUN} (default): the benchmark's network and the zero-cost reference code build and
 *       run every operation, so a ReLU → conv → BN on zeros still counts its parameters, FLOPs and
 *       ReLU units and takes part in the backward pass (a train-mode BN of an all-zero input
 *       divides its gradient by √eps). This changes FLOPs, params, NASWOT and fisher of those
 *       cells, and GenNAS's loss a little (the BN's bias still learns).
 *   <li>{@link #PRUNE}: the functional view: such operations are skipped and their output is
 *       zero, which is the same function with fewer parameters. Space {@code nb201-functional}.
 * </ul>
 *
 * Issue 12 §1; the benchmark's definition is xautodl's {@code InferCell}, which runs every edge.
 */
public enum ZeroNodeOps {
    RUN,
    PRUNE
}
