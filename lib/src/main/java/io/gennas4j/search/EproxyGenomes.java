package io.gennas4j.search;

import io.gennas4j.proxy.eproxy.EproxyConfig;
import io.gennas4j.proxy.eproxy.InitScheme;
import io.gennas4j.task.eproxy.TargetMap;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The genome of Eproxy's Discrete Proxy Search (spec §7.3; the reference's
 * {@code generate_nas_config} and {@code Explorer.mutate}): an {@link EproxyConfig} with its
 * three branch slots.
 *
 * <ul>
 *   <li>Random: lr from {0.5, 0.6, …, 1.5}, α from {−0.5, …, 0.5}, branches from {1, 2, 3}, both
 *       initialisations from the four schemes, and per slot every feature bit True with
 *       probability 0.2, head and barrier kernel from {1, 3, 7}, out and last channels from
 *       {16, …, 512}, level from {0.5, 1, 1.5, 2}, each uniform.
 *   <li>Mutation: each of the five global genes, and each of the five per-slot choices of every
 *       slot, is redrawn uniformly with probability {@value #MUTATION_RATE} (so it may keep its
 *       value); each of the 15 feature bits is flipped with the same probability. Unused slots
 *       mutate too, as in the reference.
 * </ul>
 *
 * The MAC mode is always {@code loss_macs}, as in the reference's DPS configurations.
 */
public final class EproxyGenomes implements GenomeSpace<EproxyConfig> {

    public static final EproxyGenomes INSTANCE = new EproxyGenomes();

    /** Per-gene mutation probability (the reference's {@code mutate_ratio}). */
    public static final double MUTATION_RATE = 0.2;
    /** Probability that a feature bit is set in a random genome. */
    public static final double FEATURE_RATE = 0.2;

    /** {0.5, 0.6, …, 1.5}. */
    public static final double[] LEARNING_RATES = steps(5, 15);
    /** {−0.5, −0.4, …, 0.5}. */
    public static final double[] ALPHAS = steps(-5, 5);

    private EproxyGenomes() {}

    private static double[] steps(int fromTenths, int toTenths) {
        double[] v = new double[toTenths - fromTenths + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = (fromTenths + i) / 10.0;
        }
        return v;
    }

    @Override
    public String name() {
        return "eproxy-dps";
    }

    @Override
    public EproxyConfig random(Random rng) {
        List<EproxyConfig.Branch> slots = new ArrayList<>();
        for (int i = 0; i < EproxyConfig.SLOTS; i++) {
            Set<TargetMap> f = EnumSet.noneOf(TargetMap.class);
            for (TargetMap m : TargetMap.values()) {
                if (rng.nextDouble() < FEATURE_RATE) {
                    f.add(m);
                }
            }
            slots.add(new EproxyConfig.Branch(f, pick(EproxyConfig.KERNELS, rng), pick(EproxyConfig.KERNELS, rng),
                    pick(EproxyConfig.CHANNELS, rng), pick(EproxyConfig.CHANNELS, rng), pick(EproxyConfig.LEVELS, rng)));
        }
        return new EproxyConfig(pick(LEARNING_RATES, rng), pick(ALPHAS, rng), EproxyConfig.MacMode.LOSS_MACS, 1 + rng.nextInt(3),
                pick(InitScheme.SEARCHED, rng), pick(InitScheme.SEARCHED, rng), slots);
    }

    @Override
    public EproxyConfig mutate(EproxyConfig p, Random rng) {
        double lr = hit(rng) ? pick(LEARNING_RATES, rng) : p.learningRate();
        double alpha = hit(rng) ? pick(ALPHAS, rng) : p.alpha();
        InitScheme initNet = hit(rng) ? pick(InitScheme.SEARCHED, rng) : p.initNet();
        InitScheme initBarrier = hit(rng) ? pick(InitScheme.SEARCHED, rng) : p.initBarrier();
        int branches = hit(rng) ? 1 + rng.nextInt(3) : p.branches();
        List<Set<TargetMap>> features = new ArrayList<>();
        for (EproxyConfig.Branch b : p.slots()) {
            Set<TargetMap> f = b.features();
            for (TargetMap m : TargetMap.values()) {
                if (hit(rng)) {
                    if (!f.remove(m)) {
                        f.add(m);
                    }
                }
            }
            features.add(f);
        }
        List<EproxyConfig.Branch> slots = new ArrayList<>();
        for (int i = 0; i < EproxyConfig.SLOTS; i++) {
            EproxyConfig.Branch b = p.slots().get(i);
            int head = hit(rng) ? pick(EproxyConfig.KERNELS, rng) : b.headKernel();
            int barrier = hit(rng) ? pick(EproxyConfig.KERNELS, rng) : b.barrierKernel();
            int out = hit(rng) ? pick(EproxyConfig.CHANNELS, rng) : b.outChannels();
            int last = hit(rng) ? pick(EproxyConfig.CHANNELS, rng) : b.lastChannels();
            double level = hit(rng) ? pick(EproxyConfig.LEVELS, rng) : b.level();
            slots.add(new EproxyConfig.Branch(features.get(i), head, barrier, out, last, level));
        }
        return new EproxyConfig(lr, alpha, p.macMode(), branches, initNet, initBarrier, slots);
    }

    private static boolean hit(Random rng) {
        return rng.nextDouble() < MUTATION_RATE;
    }

    private static double pick(double[] v, Random rng) {
        return v[rng.nextInt(v.length)];
    }

    private static int pick(int[] v, Random rng) {
        return v[rng.nextInt(v.length)];
    }

    private static <T> T pick(T[] v, Random rng) {
        return v[rng.nextInt(v.length)];
    }

    @Override
    public String encode(EproxyConfig genome) {
        return genome.toJson();
    }
}
