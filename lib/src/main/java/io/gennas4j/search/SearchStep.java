package io.gennas4j.search;

/**
 * One evaluation of a search, in the order the search made it.
 *
 * @param step 1-based evaluation number
 * @param phase {@code init} (initial population), {@code cycle} (an evolution child) or
 *     {@code random} (random search)
 * @param genome the genome evaluated
 * @param encoding its canonical encoding
 * @param evaluation its fitness, cost and source
 * @param bestStep the step (1-based) of the best genome seen up to and including this one
 * @param bestFitness that genome's fitness
 * @param <G> the genome type
 */
public record SearchStep<G>(int step, String phase, G genome, String encoding, Evaluation evaluation, int bestStep,
        double bestFitness) {

    public double fitness() {
        return evaluation.value();
    }

    public double seconds() {
        return evaluation.seconds();
    }
}
