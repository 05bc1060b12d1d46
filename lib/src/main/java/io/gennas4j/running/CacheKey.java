package io.gennas4j.running;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cached score is keyed by: search space, architecture, proxy, every setting of the proxy
 * (task, protocol, images, seed, …) and the library version. Anything that changes a score must
 * be among the settings.
 *
 * @param space search-space name
 * @param arch architecture encoding
 * @param proxy proxy name
 * @param settings the proxy's settings, canonical (sorted) text
 * @param version gennas4j version
 */
public record CacheKey(String space, String arch, String proxy, String settings, String version) {

    public static CacheKey of(String space, String arch, String proxy, Map<String, String> settings, String version) {
        return new CacheKey(space, arch, proxy, new TreeMap<>(settings).toString(), version);
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
