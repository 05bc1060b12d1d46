package io.gennas4j.search;

import com.google.gson.JsonParser;
import io.gennas4j.task.SequenceTaskConfig;
import java.util.Random;

/**
 * NLP task configurations as genomes of the task search (spec §4, "the NLP version is the same
 * with 2 stages, 4 bases and the dimension gene"): random draws and mutation (keep probability
 * {@value TaskGenomes#KEEP} per gene) are {@link SequenceTaskConfig#random} and
 * {@link SequenceTaskConfig#mutate}; the encoding is the task's JSON on one line.
 */
public final class SequenceTaskGenomes implements GenomeSpace<SequenceTaskConfig> {

    public static final SequenceTaskGenomes INSTANCE = new SequenceTaskGenomes();

    private SequenceTaskGenomes() {}

    @Override
    public String name() {
        return "nlp-task";
    }

    @Override
    public SequenceTaskConfig random(Random rng) {
        return SequenceTaskConfig.random(rng);
    }

    @Override
    public SequenceTaskConfig mutate(SequenceTaskConfig parent, Random rng) {
        return parent.mutate(rng, TaskGenomes.KEEP);
    }

    @Override
    public String encode(SequenceTaskConfig genome) {
        return JsonParser.parseString(genome.toJson()).toString();
    }
}
