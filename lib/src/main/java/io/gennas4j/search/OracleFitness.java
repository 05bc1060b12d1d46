package io.gennas4j.search;

import io.gennas4j.benchmark.Accuracies;
import io.gennas4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's own accuracy as fitness (higher is better), at no cost: the reference line of a
 * NAS comparison, showing what a search could find with perfect knowledge of {@code target}.
 * Search with a validation target and report test accuracy, as NAS-Bench-201 papers do.
 *
 * @param <A> the architecture type
 */
public final class OracleFitness<A extends Architecture> implements Fitness<A> {

    private final Accuracies accuracies;
    private final String target;

    /**
     * @throws IllegalArgumentException if {@code target} is not one of the accuracies' targets
     */
    public OracleFitness(Accuracies accuracies, String target) {
        if (!accuracies.targets().contains(target)) {
            throw new IllegalArgumentException("Unknown target '" + target + "' for " + accuracies.space()
                    + ": use one of " + accuracies.targets());
        }
        this.accuracies = accuracies;
        this.target = target;
    }

    @Override
    public String name() {
        return "oracle " + target;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("fitness", "oracle", "space", accuracies.space(), "target", target);
    }

    @Override
    public List<Evaluation> evaluate(List<A> genomes) {
        List<Evaluation> out = new ArrayList<>();
        for (A a : genomes) {
            out.add(new Evaluation(accuracies.accuracy(a, target), 0, "benchmark", null));
        }
        return out;
    }
}
