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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Decides whether a caller may make a request on a route. Redis holds the shared counters, so a limit holds across
 * every gateway instance.
 *
 * <p>Policy when Redis is unreachable (or slower than {@code redis-timeout}): each instance keeps limiting on its own,
 * in memory, at {@code fallback-share} of every limit — the gateway never fails open to unlimited traffic and never
 * fails closed into an outage. A circuit breaker stops waiting on a dead Redis after a few failures and probes it again
 * shortly after, so recovery needs no restart. {@code gateway_ratelimit_degraded} is 1 while the fallback decides.
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitProperties properties;
    private final RedisRateLimiter redis;
    private final LocalRateLimiter local = new LocalRateLimiter();
    private final CircuitBreaker redisBreaker;
    private final AtomicInteger degraded = new AtomicInteger();
    private final Timer redisDecisions;
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
        return Mono.defer(() -> {
                    long started = System.nanoTime();
                    return redis.decide(tiers, keys)
                            .doOnNext(decision ->
                                    redisDecisions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
                })
                .timeout(properties.redisTimeout())
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker))
                .doOnNext(decision -> recovered())
                .onErrorResume(failure -> Mono.fromSupplier(() -> fallback(tiers, keys, failure)))
                .doOnNext(this::count);
    }

    private Decision fallback(List<Tier> tiers, List<String> keys, Throwable failure) {
        if (degraded.getAndSet(1) == 0) {
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
