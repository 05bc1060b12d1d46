package io.gennas4j.bench;

import io.gennas4j.benchmark.Nb201Table;
import io.gennas4j.proxy.Protocol;
import io.gennas4j.proxy.RegressionProxy;
import io.gennas4j.proxy.ScoringProfile;
import io.gennas4j.space.nb201.Nb201Arch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/** {@code environment/bench profile}: where one architecture's scoring time goes. */
final class ProfileBench {

    private ProfileBench() {}

    /** Phase breakdown of scoring plus an estimate of the per-op (JNI) overhead. */
    static void run(Map<String, String> opt) {
        int archs = Integer.parseInt(opt.getOrDefault("archs", "5"));
        int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
        Protocol protocol = Bench.protocol(opt);
        int iters = protocol.iterations();
        List<Nb201Arch> chosen = Nb201Table.load().gennasSample(sample).subList(0, archs);
        ScoringProfile profile = new ScoringProfile();
        try (RegressionProxy warm = RegressionProxy.builder().optProtocol(protocol).optIterations(2).build()) {
            warm.score(chosen.get(0)); // load the engine and JIT-compile before measuring
        }
        try (RegressionProxy proxy = RegressionProxy.builder().optProtocol(protocol).optProfile(profile).build()) {
            for (Nb201Arch a : chosen) {
                proxy.score(a);
            }
        }
        double perOp = jniMicroseconds();
        Table t = profile.table();
        System.out.println(t.printAll());
        double perArch = profile.totalSeconds() / profile.architectures();
        double opsPerArch = profile.arraysPerStep() * iters;
        System.out.printf(Locale.ROOT, "arrays created per training step (forward, loss, noise): %.0f%n", profile.arraysPerStep());
        System.out.printf(Locale.ROOT, "one trivial op through JNI: %.1f us%n", perOp);
        System.out.println("profile_archs=" + profile.architectures());
        System.out.println("profile_seconds_per_arch=" + Bench.fmt(perArch));
        for (ScoringProfile.Phase p : ScoringProfile.Phase.values()) {
            System.out.println("profile_" + p.name().toLowerCase(Locale.ROOT) + "_seconds_per_arch="
                    + Bench.fmt(profile.seconds(p) / profile.architectures()));
        }
        System.out.println("jni_op_microseconds=" + String.format(Locale.ROOT, "%.2f", perOp));
        System.out.println("forward_ops_per_arch=" + String.format(Locale.ROOT, "%.0f", opsPerArch));
        System.out.println("forward_op_overhead_seconds_per_arch=" + Bench.fmt(opsPerArch * perOp / 1e6));
    }

    /** Latency of a trivial NDArray op (1-element in-place add): the fixed cost of one JNI call. */
    private static double jniMicroseconds() {
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var a = m.zeros(new ai.djl.ndarray.types.Shape(1));
            var b = m.ones(new ai.djl.ndarray.types.Shape(1));
            for (int i = 0; i < 20_000; i++) {
                a.addi(b);
            }
            int n = 200_000;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                a.addi(b);
            }
            return (System.nanoTime() - t) / 1e3 / n;
        }
    }
}
