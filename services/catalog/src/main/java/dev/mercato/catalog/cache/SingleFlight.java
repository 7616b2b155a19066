package dev.mercato.catalog.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Concurrent callers for one key in this instance share one call of the work; the others wait for its result (or its
 * failure) for at most {@code waitAtMost} (the Redis lock's lifetime), then do the work themselves.
 */
final class SingleFlight {

    private final Duration waitAtMost;
    private final CacheMetrics metrics;
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    SingleFlight(Duration waitAtMost, CacheMetrics metrics) {
        this.waitAtMost = waitAtMost;
        this.metrics = metrics;
    }

    @SuppressWarnings("unchecked")
    <T> T run(String cache, String key, Supplier<T> work) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            metrics.waited(cache, "local");
            try {
                return (T) running.get(waitAtMost.toMillis(), TimeUnit.MILLISECONDS);
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
}
