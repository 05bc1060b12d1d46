package io.gennas4j.search;

import io.gennas4j.Gennas4j;
import io.gennas4j.proxy.ProxyScore;
import io.gennas4j.running.CacheKey;
import io.gennas4j.running.ScoreCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any fitness made resumable: values are kept in a {@link ScoreCache} keyed by the genome's
 * canonical encoding (the task JSON of a proxy-task search, DPS settings), the fitness's name,
 * its settings and the library version. Genomes already cached are read back; the rest are
 * evaluated by the wrapped fitness one at a time and stored as each finishes. Failed evaluations are not
 * cached (they may be transient).
 *
 * @param <G> the genome type
 */
public final class CachedFitness<G> implements Fitness<G> {

    private final Fitness<G> inner;
    private final GenomeSpace<G> genomes;
    private final ScoreCache cache;

    public CachedFitness(Fitness<G> inner, GenomeSpace<G> genomes, ScoreCache cache) {
        this.inner = inner;
        this.genomes = genomes;
        this.cache = cache;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public boolean higherIsBetter() {
        return inner.higherIsBetter();
    }

    @Override
    public Map<String, String> settings() {
        return inner.settings();
    }

    /** The cache key of a genome under this fitness. */
    public CacheKey key(G genome) {
        return CacheKey.of(genomes.name(), genomes.encode(genome), inner.name(), inner.settings(), Gennas4j.version());
    }

    @Override
    public List<Evaluation> evaluate(List<G> batch) {
        Evaluation[] out = new Evaluation[batch.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Optional<ProxyScore> hit = cache.get(key(batch.get(i)));
            if (hit.isPresent()) {
                out[i] = new Evaluation(hit.get().value(), hit.get().seconds(), "cache", null);
            } else {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            List<G> missing = new ArrayList<>();
            todo.forEach(i -> missing.add(batch.get(i)));
            // one at a time, so that everything finished before an interruption is stored
            for (int k = 0; k < missing.size(); k++) {
                Evaluation e = inner.evaluate(List.of(missing.get(k))).get(0);
                G g = missing.get(k);
                cache.put(key(g), new ProxyScore(genomes.encode(g), e.value(), e.seconds(), null, e.error()));
                out[todo.get(k)] = e;
            }
        }
        return List.of(out);
    }

    @Override
    public void close() {
        inner.close();
    }
}
