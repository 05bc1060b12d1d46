package io.gennas4j.running;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gennas4j.benchmark.Cifar10Images;
import io.gennas4j.benchmark.SyntheticCifar;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.SeedPolicy;
import io.gennas4j.space.NetworkSize;
import io.gennas4j.task.NoiseConfig;
import io.gennas4j.task.NoiseType;
import io.gennas4j.task.TaskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyTest {

    @Test
    void everySettingThatChangesTheScoreChangesTheKey(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Cifar10Images images = Cifar10Images.load(SyntheticCifar.write(dir.resolve("a"), 20, 1));
        Cifar10Images otherImages = Cifar10Images.load(SyntheticCifar.write(dir.resolve("b"), 20, 2));
        UnaryOperator<RegressionProxy.Builder> base = b -> b.optImages(images);
        Map<String, UnaryOperator<RegressionProxy.Builder>> variants = new LinkedHashMap<>();
        variants.put("paper", b -> b);
        variants.put("task", b -> b.setTask(TaskConfig.byName("CONF_DARTS")));
        variants.put("noise", b -> b.setTask(TaskConfig.byName("CONF_NB101").withNoise(new NoiseConfig(NoiseType.GAUSSIAN, 0.1))));
        variants.put("batch", b -> b.setTask(TaskConfig.byName("CONF_NB101").withBatchSize(8)));
        variants.put("size", b -> b.optNetworkSize(new NetworkSize(16, 3)));
        variants.put("channels", b -> b.optNetworkSize(new NetworkSize(8, 5)));
        variants.put("iterations", b -> b.optIterations(50));
        variants.put("eval interval", b -> b.optEvalInterval(5));
        variants.put("lr", b -> b.optLearningRate(0.05));
        variants.put("momentum", b -> b.optMomentum(0.8));
        variants.put("weight decay", b -> b.optWeightDecay(0));
        variants.put("train weights", b -> b.optTrainWeights(1, 1, 1));
        variants.put("eval weights", b -> b.optEvalWeights(1, 1, 1));
        variants.put("flip", b -> b.optFlip(false));
        variants.put("seed", b -> b.optSeed(112));
        variants.put("seed policy", b -> b.optSeedPolicy(SeedPolicy.SEQUENTIAL));
        variants.put("images", b -> b.optImages(otherImages));
        Set<String> hashes = new HashSet<>();
        for (var v : variants.entrySet()) {
            try (RegressionProxy p = v.getValue().apply(base.apply(RegressionProxy.builder())).build()) {
                CacheKey key = CacheKey.of("nb201", "arch", p.name(), p.settings(), "dev");
                hashes.add(key.settingsHash());
                assertEquals(variants.keySet().stream().toList().indexOf(v.getKey()) + 1, hashes.size(),
                        "changing '" + v.getKey() + "' must change the cache key");
            }
        }
        try (RegressionProxy a = base.apply(RegressionProxy.builder()).build();
                RegressionProxy b = base.apply(RegressionProxy.builder()).build()) {
            assertEquals(CacheKey.of("nb201", "x", "gennas", a.settings(), "dev"), CacheKey.of("nb201", "x", "gennas", b.settings(), "dev"));
            assertNotEquals(CacheKey.of("nb201", "x", "gennas", a.settings(), "dev"), CacheKey.of("nb201", "x", "gennas", a.settings(), "0.2"));
        }
    }

    @Test
    void settingsRebuildTheSameProxy(@TempDir Path dir) {
        Cifar10Images images = Cifar10Images.load(SyntheticCifar.write(dir, 20, 1));
        try (RegressionProxy p = RegressionProxy.builder().optImages(images).optNetworkSize(new NetworkSize(4, 1))
                .optIterations(7).optLearningRate(0.07).optTrainWeights(0, 0.5, 1).optSeed(9).build();
                var q = io.gennas4j.proxy.Proxies.fromSettings(p.settings(), images.source())) {
            assertEquals(p.settings(), q.settings());
        }
    }
}
