package dev.mercato.catalog.cache;

import dev.mercato.messaging.envelope.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside in Redis for product details, listing pages and the home page (docs/adr/009-catalog-cache.md): what the
 * controllers read through and the invalidation broadcasts evict. Each part of the work has a class of its own:
 *
 * <ul>
 *   <li>{@link CacheKeys}: the keys, with the value shape's version and the listing generation in them;
 *   <li>{@link SingleFlight}: concurrent misses of one key in this instance wait for a single load;
 *   <li>{@link GuardedLoader}: across instances a lock lets one loader through, which writes only under the
 *       generation it read before loading, so a value loaded before a change cannot be written after its eviction;
 *   <li>{@link SoftRedis}: a Redis failure sends the read to PostgreSQL and Redis is skipped for a while;
 *   <li>{@link InvalidationHandler}: the broadcasts that call {@link #evictProduct} and {@link #evictAll}.
 * </ul>
 */
public final class CatalogCache {

    private final StringRedisTemplate redis;
    private final CacheProperties properties;
    private final List<String> languages;
    private final CacheKeys keys;
    private final CacheMetrics metrics;
    private final SoftRedis soft;
    private final JsonValues values;
    private final SingleFlight singleFlight;
    private final GuardedLoader guardedLoader;
    private final InvalidationHandler invalidations;

    public CatalogCache(
            StringRedisTemplate redis,
            JsonMapper json,
            CacheProperties properties,
            List<String> languages,
            MeterRegistry meters) {
        this.redis = redis;
        this.properties = properties;
        this.languages = List.copyOf(languages);
        this.keys = new CacheKeys(properties.keyPrefix());
        this.metrics = new CacheMetrics(meters);
        this.soft = new SoftRedis(properties.skipAfterFailure(), metrics);
        this.values = new JsonValues(json);
        this.singleFlight = new SingleFlight(properties.lockTtl(), metrics);
        this.guardedLoader = new GuardedLoader(redis, soft, keys, values, properties, metrics);
        this.invalidations = new InvalidationHandler(this::evictProduct, this::evictAll);
    }

    /**
     * Opens the Redis connection before the first read (Lettuce's first connection is slow to set up); a failure only
     * means reads start on PostgreSQL.
     */
    public void connect() {
        if (properties.enabled()) {
            soft.call(() -> redis.opsForValue().get(keys.generation()));
        }
    }

    /** One product's detail in one language; {@code loader} may return null (not found), which is not cached. */
    public <T> @Nullable T product(UUID id, String lang, Class<T> type, Supplier<@Nullable T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return cached(CacheKeys.PRODUCT, keys.product(id, lang), null, type, properties.detailTtl(), loader);
    }

    /** A listing page; {@code query} names it completely (filter, cursor, limit, language). */
    public <T> T listing(String query, Class<T> type, Supplier<T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return generational(CacheKeys.LISTING, query, type, loader);
    }

    /**
     * The home page of a city (null: the city-less defaults) in one language; kept under the listing generation, so
     * any product change evicts it as it evicts listing pages.
     */
    public <T> T home(@Nullable String city, String lang, Class<T> type, Supplier<T> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return generational(CacheKeys.HOME, CacheKeys.homeQuery(city, lang), type, loader);
    }

    /**
     * Evicts everything that may show the product: its details in every language and (through the generation) every
     * listing page. Throws when Redis cannot be reached.
     */
    public void evictProduct(UUID id) {
        if (properties.enabled()) {
            soft.strict(() -> {
                // The generation first: a loader that read the old one can no longer write (GuardedLoader).
                redis.opsForValue().increment(keys.generation());
                redis.delete(
                        languages.stream().map(lang -> keys.product(id, lang)).toList());
            });
        }
        metrics.invalidated();
    }

    /**
     * Evicts every product detail and listing page: a category change (a renamed slug) shows in many products. Throws
     * when Redis cannot be reached.
     */
    public void evictAll() {
        if (properties.enabled()) {
            soft.strict(() -> {
                redis.opsForValue().increment(keys.generation());
                List<String> found = new ArrayList<>();
                try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions()
                        .match(keys.allProducts())
                        .count(1000)
                        .build())) {
                    cursor.forEachRemaining(found::add);
                }
                if (!found.isEmpty()) {
                    redis.delete(found);
                }
            });
        }
        metrics.invalidated();
    }

    /** The handler of {@code mercato.catalog.invalidations} broadcasts ({@link InvalidationHandler}). */
    public void invalidate(Envelope message) {
        invalidations.handle(message);
    }

    private <T> T generational(String cache, String query, Class<T> type, Supplier<T> loader) {
        Object generation = soft.call(() -> redis.opsForValue().get(keys.generation()));
        if (generation == SoftRedis.UNAVAILABLE) {
            metrics.request(cache, "unavailable");
            return singleFlight.run(cache, cache + ":" + query, () -> metrics.load(cache, loader));
        }
        String current = generation == null ? "" : (String) generation;
        return cached(cache, keys.generational(cache, current, query), current, type, properties.listingTtl(), loader);
    }

    private <T> @Nullable T cached(
            String cache,
            String key,
            @Nullable String generation,
            Class<T> type,
            Duration ttl,
            Supplier<@Nullable T> load) {
        Object value = soft.call(() -> redis.opsForValue().get(key));
        if (value instanceof String text) {
            T decoded = values.read(text, type);
            if (decoded != null) {
                metrics.request(cache, "hit");
                return decoded;
            }
        }
        if (value == SoftRedis.UNAVAILABLE) {
            metrics.request(cache, "unavailable");
            return singleFlight.run(cache, key, () -> metrics.load(cache, load));
        }
        metrics.request(cache, "miss");
        return singleFlight.run(cache, key, () -> guardedLoader.load(cache, key, generation, type, ttl, load));
    }
}
