package io.gennas4j.space.nbnlp;

import io.gennas4j.space.Architecture;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.space.SearchSpace;
import io.gennas4j.space.StageNetwork;

/**
 * A NAS-Bench-NLP recurrent cell as an architecture of the {@code nbnlp} space (spec
 * {@code gennas-eproxy.md} §3.5). The encoding is the recipe's canonical JSON
 * ({@link NlpRecipe#canonical()}), so the same cell written in another key order has the same
 * encoding and the same score-cache key.
 *
 * <p>A recurrent cell has no CNN stage network: {@link #network} refuses and names what to use
 * instead; the GenNAS model is {@link #model(int)} ({@link NlpModel}, [L, B, D] → [L, B, D]).
 */
public final class NlpArch implements Architecture {

    private final NlpRecipe recipe;

    public NlpArch(NlpRecipe recipe) {
        this.recipe = java.util.Objects.requireNonNull(recipe, "recipe");
    }

    /**
     * Parses a recipe (JSON).
     *
     * @throws io.gennas4j.space.InvalidArchitectureException naming the node and problem
     */
    public static NlpArch parse(String json) {
        return new NlpArch(NlpRecipe.parse(json));
    }

    public NlpRecipe recipe() {
        return recipe;
    }

    @Override
    public SearchSpace<?> space() {
        return NlpSpace.INSTANCE;
    }

    @Override
    public String encoding() {
        return recipe.canonical();
    }

    /**
     * The GenNAS regression model of this cell with NAS-Bench-NLP's training sizes (emsize 400,
     * nhid 600, 3 tied layers, dropouts 0.1/0.25, weight drop 0.1) and signal dimension D.
     */
    public NlpModel model(int dimension) {
        return NlpModel.builder().setRecipe(recipe).setDimension(dimension).build();
    }

    /**
     * Not defined for a recurrent cell.
     *
     * @throws UnsupportedOperationException always, naming {@link #model(int)} and the NLP proxies
     */
    @Override
    public StageNetwork network(NetworkSize size, int numClasses) {
        throw new UnsupportedOperationException("A NAS-Bench-NLP cell is a recurrent cell, not a CNN: build it with NlpArch.model(dimension)"
                + " and score it with the recurrent proxies (SequenceRegressionProxy, RecurrentZeroCostProxy), not with a CNN proxy");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlpArch a && a.recipe.equals(recipe);
    }

    @Override
    public int hashCode() {
        return recipe.hashCode();
    }

    @Override
    public String toString() {
        return encoding();
    }
}
