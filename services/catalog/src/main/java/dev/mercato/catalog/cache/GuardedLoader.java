package dev.mercato.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads a missed key once across instances, and never writes a stale value. A {@code SET NX} lock lets one loader
 * through while the others poll for the value it writes (for at most {@code lockWait}, then they load themselves). The
 * loader writes only if the generation it read before loading is still current, so a value loaded before a change
 * cannot be written after the change was evicted. Written values live their TTL spread by the jitter, so keys filled
 * together do not expire together.
 */
final class GuardedLoader {

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
    private final SoftRedis soft;
    private final CacheKeys keys;
    private final JsonValues values;
    private final CacheProperties properties;
    private final CacheMetrics metrics;

    GuardedLoader(
            StringRedisTemplate redis,
            SoftRedis soft,
            CacheKeys keys,
            JsonValues values,
            CacheProperties properties,
            CacheMetrics metrics) {
        this.redis = redis;
        this.soft = soft;
        this.keys = keys;
        this.values = values;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * @param generation the generation {@code key} was named under, or null for a key without one (a product's
     *     detail): then the current generation is read before loading
     */
    <T> @Nullable T load(
            String cache,
            String key,
            @Nullable String generation,
            Class<T> type,
            Duration ttl,
            Supplier<@Nullable T> loader) {
        String lockKey = CacheKeys.lock(key);
        String token = UUID.randomUUID().toString();
        Object locked = soft.call(() -> redis.opsForValue().setIfAbsent(lockKey, token, properties.lockTtl()));
        if (Boolean.TRUE.equals(locked)) {
            try {
                Object before = generation != null
                        ? generation
                        : soft.call(() -> redis.opsForValue().get(keys.generation()));
                T loaded = metrics.load(cache, loader);
                if (loaded != null && before != SoftRedis.UNAVAILABLE) {
                    String expected = before == null ? "" : (String) before;
                    String encoded = values.write(loaded);
                    soft.call(() -> redis.execute(
                            PUT_IF_GENERATION,
                            List.of(key, keys.generation()),
                            encoded,
                            expected,
                            String.valueOf(jittered(ttl).toMillis())));
                }
                return loaded;
            } finally {
                soft.call(() -> redis.execute(UNLOCK, List.of(lockKey), token));
            }
        }
        if (Boolean.FALSE.equals(locked)) {
            metrics.waited(cache, "redis");
            long deadline = System.nanoTime() + properties.lockWait().toNanos();
            while (System.nanoTime() < deadline) {
                sleep(properties.pollInterval());
                Object both = soft.call(() -> redis.opsForValue().multiGet(List.of(key, lockKey)));
                if (!(both instanceof List<?> found) || found.size() != 2) {
                    break;
                }
                if (found.get(0) instanceof String text) {
                    T decoded = values.read(text, type);
                    if (decoded != null) {
                        return decoded;
                    }
                }
                if (found.get(1) == null) {
                    break; // the loader finished without writing (nothing found, or a change came in between)
                }
            }
        }
        return metrics.load(cache, loader);
    }

    private Duration jittered(Duration ttl) {
        double spread = properties.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(ttl.toMillis() * (1 + spread))));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a cache loader", e);
        }
    }
}
