package io.gennas4j.spark;

import io.gennas4j.proxy.Proxy;
import io.gennas4j.running.ScoringBackend;

/**
 * Registers {@link SparkBackend} for {@link ScoringBackend#open} ({@code environment/score --spark},
 * {@code GENNAS4J_SPARK}): Spark's master URL forms; backends share one context per JVM.
 */
public final class SparkBackendFactory implements ScoringBackend.Factory {

    @Override
    public boolean accepts(String master) {
        return master.startsWith("spark://") || master.startsWith("local") || master.equals("yarn") || master.startsWith("k8s://");
    }

    @Override
    public ScoringBackend open(String master, Proxy proxy) {
        return SparkBackend.builder().setProxy(proxy).setMaster(master).optSharedContext().build();
    }

    @Override
    public void closeShared() {
        SparkBackend.closeSharedContext();
    }
}
