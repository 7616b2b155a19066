package dev.mercato.catalog.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The cache's meters, named in one place (listed in docs/adr/009-catalog-cache.md). */
final class CacheMetrics {

    private final MeterRegistry meters;
    private final Counter redisErrors;
    private final Counter invalidations;

    CacheMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.redisErrors = meters.counter("catalog.cache.redis.errors");
        this.invalidations = meters.counter("catalog.cache.invalidations");
    }

    /** @param result {@code hit}, {@code miss} or {@code unavailable} */
    void request(String cache, String result) {
        meters.counter("catalog.cache.requests", "cache", cache, "result", result)
                .increment();
    }

    /** @param where {@code local} (another thread of this instance loads) or {@code redis} (another instance) */
    void waited(String cache, String where) {
        meters.counter("catalog.cache.stampede.waits", "cache", cache, "where", where)
                .increment();
    }

    /** Runs a load from PostgreSQL, timed. */
    <T> T load(String cache, Supplier<T> loader) {
        return Timer.builder("catalog.cache.load")
                .description("Loads from PostgreSQL after a cache miss")
                .tag("cache", cache)
                .register(meters)
                .record(loader);
    }

    void redisFailed() {
        redisErrors.increment();
    }

    /** A gauge that is 1 while {@code skipping} holds for {@code redis}; the gauge holds it weakly. */
    <T> void redisSkipped(T redis, Predicate<T> skipping) {
        meters.gauge("catalog.cache.redis.skipped", redis, state -> skipping.test(state) ? 1 : 0);
    }

    void invalidated() {
        invalidations.increment();
    }
}
