package dev.mercato.catalog.cache;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside in Redis for product details, listing pages and the home page (docs/adr/009-catalog-cache.md).
 *
 * <ul>
 *   <li>Keys: {@code <prefix>v1:product:<id>:<lang>} and {@code <prefix>v1:listing:<generation>:<hash of the query>} (and {@code home:} likewise, per city and language);
 *       values are JSON. {@code v1} is the value shape's version: a deploy that changes it reads none of the old.
 *   <li>TTLs are spread by the jitter, so keys filled together do not expire together.
 *   <li>Stampedes: concurrent misses of one key in one instance wait for a single load; across instances a
 *       {@code SET NX} lock lets one loader through while the others poll for its value (for at most
 *       {@code lockWait}, then they load themselves).
 *   <li>Invalidation ({@link #evictProduct}): the generation counter is incremented, which moves every listing to new
 *       keys, then the product's details are deleted. A loader writes only if the generation it read before loading is
 *       still current, so a value loaded before a change cannot be written after the change was evicted.
 *   <li>Redis is soft: any failure is counted, the read goes to PostgreSQL, and Redis is skipped for
 *       {@code skipAfterFailure} so that an outage does not cost every request a timeout.
 * </ul>
 */
public final class CatalogCache {

    public static final String PRODUCT = "product";
    public static final String LISTING = "listing";
    public static final String HOME = "home";

    static final String SCHEMA = "v1";

    private static final int INVALIDATION_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

    /** What a Redis call returns when Redis failed or is being skipped. */
    private static final Object UNAVAILABLE = new Object();

    private static final RedisScript<Long> PUT_IF_GENERATION = RedisScript.of("""
            if (redis.call('GET', KEYS[2]) or '') == ARGV[2] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    private static final RedisScript<Long> UNLOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final CacheProperties properties;
    private final List<String> languages;
    private final String prefix;
    private final String generationKey;
    private final MeterRegistry meters;
    private final Counter redisErrors;
    private final Counter invalidations;
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private volatile long skipRedisUntil = System.nanoTime();

    public CatalogCache(
            StringRedisTemplate redis,
            JsonMapper json,
            CacheProperties properties,
            List<String> languages,
            MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.languages = List.copyOf(languages);
        this.prefix = properties.keyPrefix() + SCHEMA + ":";
        this.generationKey = prefix + "generation";
        this.meters = meters;
        this.redisErrors = meters.counter("catalog.cache.redis.errors");
        this.invalidations = meters.counter("catalog.cache.invalidations");
        meters.gauge("catalog.cache.redis.skipped", this, cache -> cache.skipping() ? 1 : 0);
    }

    /**
     * Opens the Redis connection before the first read (Lettuce's first connection is slow to set up); a failure only
     * means reads start on PostgreSQL.
     */
    public void connect() {
        if (properties.enabled()) {
            redis(() -> redis.opsForValue().get(generationKey));
        }
    }

    /** One product's detail in one language; {@code loader} may return null (not found), which is not cached. */
    public <T> @Nullable T product(UUID id, String lang, Class<T> type, Supplier<@Nullable T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return cached(PRODUCT, productKey(id, lang), null, type, properties.detailTtl(), loader);
    }

    /** A listing page; {@code query} names it completely (filter, cursor, limit, language). */
    public <T> T listing(String query, Class<T> type, Supplier<T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return generational(LISTING, query, type, loader);
    }

    /**
     * The home page of a city (null: the city-less defaults) in one language; kept under the listing generation, so
     * any product change evicts it as it evicts listing pages.
     */
    public <T> T home(@Nullable String city, String lang, Class<T> type, Supplier<T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return generational(HOME, (city == null ? "-" : city.length() + ":" + city) + "|" + lang, type, loader);
    }

    private <T> T generational(String cache, String query, Class<T> type, Supplier<T> loader) {
        Object generation = redis(() -> redis.opsForValue().get(generationKey));
        if (generation == UNAVAILABLE) {
            count(cache, "unavailable");
            return singleFlight(cache, cache + ":" + query, () -> load(cache, loader));
        }
        String current = generation == null ? "" : (String) generation;
        String key = prefix + cache + ":" + (current.isEmpty() ? "0" : current) + ":" + hash(query);
        return cached(cache, key, current, type, properties.listingTtl(), loader);
    }

    /**
     * Evicts everything that may show the product: its details in every language and (through the generation) every
     * listing page. Throws when Redis cannot be reached.
     */
    public void evictProduct(UUID id) {
        if (properties.enabled()) {
            try {
                // The generation first: a loader that read the old one can no longer write (see PUT_IF_GENERATION).
                redis.opsForValue().increment(generationKey);
                redis.delete(
                        languages.stream().map(lang -> productKey(id, lang)).toList());
            } catch (RuntimeException e) {
                redisFailed(e);
                throw e;
            }
        }
        invalidations.increment();
    }

    /**
     * Evicts every product detail and listing page: a category change (a renamed slug) shows in many products. Throws
     * when Redis cannot be reached.
     */
    public void evictAll() {
        if (properties.enabled()) {
            try {
                redis.opsForValue().increment(generationKey);
                List<String> keys = new ArrayList<>();
                try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions()
                        .match(prefix + PRODUCT + ":*")
                        .count(1000)
                        .build())) {
                    cursor.forEachRemaining(keys::add);
                }
                if (!keys.isEmpty()) {
                    redis.delete(keys);
                }
            } catch (RuntimeException e) {
                redisFailed(e);
                throw e;
            }
        }
        invalidations.increment();
    }

    /**
     * The handler of {@code mercato.catalog.invalidations} broadcasts: {@code catalog.product-changed}
     * ({@code {"productId": ...}}) evicts one product, {@code catalog.category-changed} everything.
     */
    public void invalidate(Envelope message) {
        if (CatalogInvalidations.CATEGORY_CHANGED.equals(message.type())) {
            retried(this::evictAll);
            return;
        }
        var productId = message.payload().get("productId");
        if (productId == null || productId.isNull()) {
            throw new PermanentMessageFailure(message.type() + " without productId");
        }
        UUID id;
        try {
            id = UUID.fromString(productId.asString());
        } catch (IllegalArgumentException malformed) {
            throw new PermanentMessageFailure(message.type() + " with a malformed productId", malformed);
        }
        retried(() -> evictProduct(id));
    }

    /** A broadcast is not redelivered: ride out a reconnection (commands are refused while Lettuce reconnects). */
    private static void retried(Runnable eviction) {
        for (int attempt = 1; ; attempt++) {
            try {
                eviction.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == INVALIDATION_ATTEMPTS) {
                    throw e;
                }
                sleep(Duration.ofMillis(100L * attempt));
            }
        }
    }

    private String productKey(UUID id, String lang) {
        return prefix + PRODUCT + ":" + id + ":" + lang;
    }

    private <T> @Nullable T cached(
            String cache,
            String key,
            @Nullable String generation,
            Class<T> type,
            Duration ttl,
            Supplier<@Nullable T> loader) {
        Object value = redis(() -> redis.opsForValue().get(key));
        if (value instanceof String text) {
            T decoded = decode(text, type);
            if (decoded != null) {
                count(cache, "hit");
                return decoded;
            }
        }
        if (value == UNAVAILABLE) {
            count(cache, "unavailable");
            return singleFlight(cache, key, () -> load(cache, loader));
        }
        count(cache, "miss");
        return singleFlight(cache, key, () -> loadUnderLock(cache, key, generation, type, ttl, loader));
    }

    /**
     * Concurrent callers for one key in this instance share one call of {@code work}; the others wait for its result
     * (or its failure), for at most the lock's lifetime, then do the work themselves.
     */
    @SuppressWarnings("unchecked")
    private <T> T singleFlight(String cache, String key, Supplier<T> work) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            waited(cache, "local");
            try {
                return (T) running.get(properties.lockTtl().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                return work.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + key, e);
            }
        }
        try {
            T result = work.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** One loader across instances: the lock's holder loads and writes, the others poll for what it wrote. */
    private <T> @Nullable T loadUnderLock(
            String cache,
            String key,
            @Nullable String generation,
            Class<T> type,
            Duration ttl,
            Supplier<@Nullable T> loader) {
        String lockKey = key + ":lock";
        String token = UUID.randomUUID().toString();
        Object locked = redis(() -> redis.opsForValue().setIfAbsent(lockKey, token, properties.lockTtl()));
        if (Boolean.TRUE.equals(locked)) {
            try {
                Object before = generation != null
                        ? generation
                        : redis(() -> redis.opsForValue().get(generationKey));
                T loaded = load(cache, loader);
                if (loaded != null && before != UNAVAILABLE) {
                    String expected = before == null ? "" : (String) before;
                    String encoded = json.writeValueAsString(loaded);
                    redis(() -> redis.execute(
                            PUT_IF_GENERATION,
                            List.of(key, generationKey),
                            encoded,
                            expected,
                            String.valueOf(jittered(ttl).toMillis())));
                }
                return loaded;
            } finally {
                redis(() -> redis.execute(UNLOCK, List.of(lockKey), token));
            }
        }
        if (Boolean.FALSE.equals(locked)) {
            waited(cache, "redis");
            long deadline = System.nanoTime() + properties.lockWait().toNanos();
            while (System.nanoTime() < deadline) {
                pause();
                Object both = redis(() -> redis.opsForValue().multiGet(List.of(key, lockKey)));
                if (!(both instanceof List<?> values) || values.size() != 2) {
                    break;
                }
                if (values.get(0) instanceof String text) {
                    T decoded = decode(text, type);
                    if (decoded != null) {
                        return decoded;
                    }
                }
                if (values.get(1) == null) {
                    break; // the loader finished without writing (nothing found, or a change came in between)
                }
            }
        }
        return load(cache, loader);
    }

    private <T> T load(String cache, Supplier<T> loader) {
        return Timer.builder("catalog.cache.load")
                .description("Loads from PostgreSQL after a cache miss")
                .tag("cache", cache)
                .register(meters)
                .record(loader);
    }

    private Duration jittered(Duration ttl) {
        double spread = properties.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(ttl.toMillis() * (1 + spread))));
    }

    private <T> @Nullable T decode(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JacksonException unreadable) {
            log.warn("Unreadable cached {}: {}", type.getSimpleName(), unreadable.getOriginalMessage());
            return null;
        }
    }

    /** Runs a Redis call, or returns {@link #UNAVAILABLE} when it fails or Redis is being skipped after a failure. */
    private @Nullable Object redis(Supplier<?> call) {
        if (System.nanoTime() - skipRedisUntil < 0) {
            return UNAVAILABLE;
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            redisFailed(e);
            return UNAVAILABLE;
        }
    }

    private boolean skipping() {
        return System.nanoTime() - skipRedisUntil < 0;
    }

    private void redisFailed(RuntimeException e) {
        redisErrors.increment();
        boolean wasUp = System.nanoTime() - skipRedisUntil >= 0;
        skipRedisUntil = System.nanoTime() + properties.skipAfterFailure().toNanos();
        if (wasUp) {
            log.warn(
                    "Redis failed ({}); reading from PostgreSQL, trying Redis again in {}",
                    e.getMessage(),
                    properties.skipAfterFailure());
        }
    }

    private void pause() {
        sleep(properties.pollInterval());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a cache loader", e);
        }
    }

    private void count(String cache, String result) {
        meters.counter("catalog.cache.requests", "cache", cache, "result", result)
                .increment();
    }

    private void waited(String cache, String where) {
        meters.counter("catalog.cache.stampede.waits", "cache", cache, "where", where)
                .increment();
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
