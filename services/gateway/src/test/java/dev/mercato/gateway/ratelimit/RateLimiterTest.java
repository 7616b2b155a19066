package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * Where a request continues once Redis has decided: on its own event loop (here a thread named {@code request-loop}),
 * never on the thread that completed the command (Lettuce's I/O or timer threads, here {@code redis-io}).
 */
class RateLimiterTest {

    static final Tier TIER = new Tier("t", Algorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 10, List.of());

    final ScheduledExecutorService requestLoop =
            Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "request-loop"));
    final ExecutorService redisIo = Executors.newSingleThreadExecutor(task -> new Thread(task, "redis-io"));

    @AfterEach
    void stop() {
        requestLoop.shutdownNow();
        redisIo.shutdownNow();
    }

    @Test
    void continuesOnTheRequestsLoopWhenRedisAnswers() {
        RateLimiter limiter = limiter(
                () -> new Decision(true, List.of(new Decision.TierState(TIER, true, 9, 100)), Decision.Source.REDIS));

        Continued continued = decideOnTheLoop(limiter);

        assertThat(continued.decision().source()).isEqualTo(Decision.Source.REDIS);
        assertThat(continued.thread()).isEqualTo("request-loop");
    }

    @Test
    void continuesOnTheRequestsLoopWhenTheConnectionIsLost() {
        RateLimiter limiter = limiter(() -> {
            throw new RedisException("Connection disconnected");
        });

        Continued continued = decideOnTheLoop(limiter);

        assertThat(continued.decision().source()).isEqualTo(Decision.Source.LOCAL_FALLBACK);
        assertThat(continued.thread()).isEqualTo("request-loop");
    }

    record Continued(Decision decision, String thread) {}

    /** Subscribes on the request's loop, as the gateway does, and notes where the decision arrives. */
    private Continued decideOnTheLoop(RateLimiter limiter) {
        return limiter.decide(List.of(TIER), "caller", requestLoop)
                .map(decision -> new Continued(decision, Thread.currentThread().getName()))
                .subscribeOn(Schedulers.fromExecutorService(requestLoop))
                .block(Duration.ofSeconds(5));
    }

    /** Redis answers on its own thread a little later, as Lettuce does. */
    private RateLimiter limiter(Supplier<Decision> redisAnswer) {
        RedisRateLimiter redis = new RedisRateLimiter(null) {
            @Override
            CompletableFuture<Decision> decide(List<Tier> tiers, List<String> keys) {
                return CompletableFuture.supplyAsync(
                        () -> {
                            sleep();
                            return redisAnswer.get();
                        },
                        redisIo);
            }
        };
        RateLimitProperties properties =
                new RateLimitProperties(true, "rl:", Duration.ofSeconds(2), 0.5, List.of(TIER), Map.of(), 0);
        return new RateLimiter(
                properties, redis, CircuitBreaker.ofDefaults("ratelimit-redis"), new SimpleMeterRegistry());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
