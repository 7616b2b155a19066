package dev.mercato.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Decides whether a caller may make a request on a route. Redis holds the shared counters, so a limit holds across
 * every gateway instance.
 *
 * <p>Two different things can keep a decision from Redis, and they are told apart:
 *
 * <ul>
 *   <li><b>Redis is unreachable</b>: the command fails (refused or lost connection; commands are rejected at once
 *       while disconnected), or no answer arrives within {@code redis-dead-after}. Those failures open a circuit
 *       breaker, and every request is decided by this instance alone, in memory, at {@code fallback-share} of every
 *       limit: the gateway never fails open to unlimited traffic and never fails closed into an outage. The breaker
 *       probes Redis again shortly after, so recovery needs no restart. {@code gateway_ratelimit_degraded} is 1
 *       meanwhile.
 *   <li><b>The answer is late</b> (more than {@code redis-timeout}), which on a busy or freshly started gateway says
 *       more about the gateway than about Redis: that one request is decided locally and counted in
 *       {@code gateway_ratelimit_late_total}; the command is not cancelled (Redis has most likely counted it
 *       already), its answer still tells the breaker that Redis is alive, and nobody else is switched to local limits.
 * </ul>
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitProperties properties;
    private final RedisRateLimiter redis;
    private final LocalRateLimiter local = new LocalRateLimiter();
    private final CircuitBreaker redisBreaker;
    private final AtomicInteger degraded = new AtomicInteger();
    private final Timer redisDecisions;
    private final Counter late;
    private final Map<Decision.Source, Counter> allowed = new EnumMap<>(Decision.Source.class);
    private final Map<Decision.Source, Counter> rejected = new EnumMap<>(Decision.Source.class);

    RateLimiter(
            RateLimitProperties properties, RedisRateLimiter redis, CircuitBreaker redisBreaker, MeterRegistry meters) {
        this.properties = properties;
        this.redis = redis;
        this.redisBreaker = redisBreaker;
        meters.gauge("gateway.ratelimit.degraded", degraded);
        this.redisDecisions = Timer.builder("gateway.ratelimit.redis.decision")
                .description("One rate-limit decision on Redis: the script call, all tiers, round trip included")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
        this.late = Counter.builder("gateway.ratelimit.late")
                .description("Requests decided by the local limits because Redis's answer came after redis-timeout")
                .register(meters);
        for (Decision.Source source : Decision.Source.values()) {
            allowed.put(source, decisions(meters, "allowed", source));
            rejected.put(source, decisions(meters, "rejected", source));
        }
    }

    private static Counter decisions(MeterRegistry meters, String outcome, Decision.Source source) {
        return meters.counter(
                "gateway.ratelimit.decisions",
                "outcome",
                outcome,
                "source",
                source == Decision.Source.REDIS ? "redis" : "local");
    }

    /** Prepares Redis in the background; a failure only means the first decisions may use the local fallback. */
    void warmUp() {
        redis.warmUp()
                .timeout(Duration.ofSeconds(5))
                .subscribe(
                        sha -> log.debug("Rate-limit script loaded on Redis ({})", sha),
                        failure -> log.info("Rate-limit script not loaded at startup: {}", failure.toString()));
    }

    /** Empty when no tier applies to the route. */
    Mono<Decision> decide(String routeId, String caller) {
        List<Tier> tiers =
                properties.tiers().stream().filter(t -> t.appliesTo(routeId)).toList();
        if (tiers.isEmpty()) {
            return Mono.empty();
        }
        List<String> keys = tiers.stream()
                .map(t -> properties.keyPrefix() + t.name() + ":" + caller)
                .toList();
        // suppressCancel: giving up on the wait leaves the command to finish and report to the breaker.
        return Mono.defer(() -> Mono.fromFuture(onRedis(tiers, keys), true))
                .timeout(properties.redisTimeout())
                .onErrorResume(failure -> Mono.fromSupplier(() -> fallback(tiers, keys, failure)))
                .doOnNext(this::count);
    }

    /** The decision on Redis, its outcome recorded by the breaker whether or not the request still waits for it. */
    private CompletableFuture<Decision> onRedis(List<Tier> tiers, List<String> keys) {
        long started = System.nanoTime();
        return redis.decide(tiers, keys)
                .doOnNext(decision -> redisDecisions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .timeout(properties.redisDeadAfter())
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker))
                .doOnNext(decision -> recovered())
                .toFuture();
    }

    private Decision fallback(List<Tier> tiers, List<String> keys, Throwable failure) {
        if (failure instanceof TimeoutException) {
            late.increment();
        } else if (degraded.getAndSet(1) == 0) {
            log.warn(
                    "Rate limiting falls back to local limits ({} of each): Redis unavailable ({})",
                    properties.fallbackShare(),
                    failure.toString());
        }
        List<Tier> shares =
                tiers.stream().map(t -> t.share(properties.fallbackShare())).toList();
        return local.decide(shares, keys, System.currentTimeMillis());
    }

    private void recovered() {
        if (degraded.getAndSet(0) == 1) {
            log.info("Rate limiting is back on Redis");
        }
    }

    private void count(Decision decision) {
        (decision.allowed() ? allowed : rejected).get(decision.source()).increment();
    }
}
