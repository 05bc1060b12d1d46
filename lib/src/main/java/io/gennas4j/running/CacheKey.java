package io.gennas4j.running;

import io.gennas4j.proxy.IntraOpThreads;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cached score is keyed by: search space, architecture, proxy, every setting of the proxy
 * (task, protocol, images, seed, …), the scorers' intra-op thread count ({@link IntraOpThreads#policy()},
 * issue 17) and the library version. Anything that changes a score must be among the settings; a
 * change to how a space builds its networks must change the space's name or the version (keys
 * written before issue 17 have no {@code intra_op_threads} entry, so scores of the pruned
 * NAS-Bench-201 networks of that time are never read as today's).
 *
 * @param space search-space name
 * @param arch architecture encoding
 * @param proxy proxy name
 * @param settings the proxy's settings plus {@code intra_op_threads}, canonical (sorted) text
 * @param version gennas4j version
 */
public record CacheKey(String space, String arch, String proxy, String settings, String version) {

    /** The settings entry that records the intra-op thread count. */
    public static final String THREADS_KEY = "intra_op_threads";


    /** The key under the current thread policy: {@code settings} plus {@code intra_op_threads}. */
    public static CacheKey of(String space, String arch, String proxy, Map<String, String> settings, String version) {
        return of(space, arch, proxy, settings, IntraOpThreads.policy(), version);
    }

    /** The key of a score made with {@code intraOpThreads} PyTorch threads. */
    public static CacheKey of(String space, String arch, String proxy, Map<String, String> settings, int intraOpThreads, String version) {
        TreeMap<String, String> all = new TreeMap<>(settings);
        all.put(THREADS_KEY, String.valueOf(intraOpThreads));
        return new CacheKey(space, arch, proxy, all.toString(), version);
    }

    /** SHA-256 of the settings text: the column the cache indexes. */
    public String settingsHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(settings.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
