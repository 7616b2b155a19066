package dev.mercato.catalog.cache;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis as a dependency the catalog can do without: a failed call is counted and answered with {@link #UNAVAILABLE}
 * (the read goes to PostgreSQL), and Redis is then skipped for {@code catalog.cache.skip-after-failure}, so an outage
 * costs one failed call per window instead of a timeout per read.
 */
final class SoftRedis {

    private static final Logger log = LoggerFactory.getLogger(SoftRedis.class);

    /** What {@link #call} returns when Redis failed or is being skipped. */
    static final Object UNAVAILABLE = new Object();

    private final Duration skipAfterFailure;
    private final CacheMetrics metrics;
    private volatile long skipUntil = System.nanoTime();

    SoftRedis(Duration skipAfterFailure, CacheMetrics metrics) {
        this.skipAfterFailure = skipAfterFailure;
        this.metrics = metrics;
        metrics.redisSkipped(this, SoftRedis::skipping);
    }

    /** Runs a Redis call, or returns {@link #UNAVAILABLE} when it fails or Redis is being skipped after a failure. */
    @Nullable
    Object call(Supplier<?> call) {
        if (skipping()) {
            return UNAVAILABLE;
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            failed(e);
            return UNAVAILABLE;
        }
    }

    /** Runs a Redis call whose failure the caller must hear of (an eviction), even while reads skip Redis. */
    void strict(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    boolean skipping() {
        return System.nanoTime() - skipUntil < 0;
    }

    private void failed(RuntimeException e) {
        metrics.redisFailed();
        boolean wasUp = !skipping();
        skipUntil = System.nanoTime() + skipAfterFailure.toNanos();
        if (wasUp) {
            log.warn(
                    "Redis failed ({}); reading from PostgreSQL, trying Redis again in {}",
                    e.getMessage(),
                    skipAfterFailure);
        }
    }
}
