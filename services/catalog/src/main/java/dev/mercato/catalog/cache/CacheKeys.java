package dev.mercato.catalog.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The cache's Redis keys: {@code <prefix>v1:product:<id>:<lang>}, {@code <prefix>v1:listing:<generation>:<hash of
 * the query>} (and {@code home:} likewise, per city and language), the generation counter and each key's lock.
 * {@code v1} is the value shape's version: a deploy that changes it reads none of the old values.
 */
final class CacheKeys {

    /** The caches, as they appear in keys and in the metrics' {@code cache} tag. */
    static final String PRODUCT = "product";

    static final String LISTING = "listing";
    static final String HOME = "home";

    static final String SCHEMA = "v1";

    private final String prefix;
    private final String generation;

    CacheKeys(String keyPrefix) {
        this.prefix = keyPrefix + SCHEMA + ":";
        this.generation = prefix + "generation";
    }

    /** The counter that every listing and home key carries; each invalidation increments it. */
    String generation() {
        return generation;
    }

    String product(UUID id, String lang) {
        return prefix + PRODUCT + ":" + id + ":" + lang;
    }

    /** The pattern of every product's detail key. */
    String allProducts() {
        return prefix + PRODUCT + ":*";
    }

    /** A listing or home value under {@code generation} (empty when the counter was never set). */
    String generational(String cache, String generation, String query) {
        return prefix + cache + ":" + (generation.isEmpty() ? "0" : generation) + ":" + hash(query);
    }

    /** What names a home page: its city (null: the city-less defaults) and language. */
    static String homeQuery(@Nullable String city, String lang) {
        return (city == null ? "-" : city.length() + ":" + city) + "|" + lang;
    }

    /** The key of the lock that lets one loader through for {@code key}. */
    static String lock(String key) {
        return key + ":lock";
    }

    private static String hash(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
