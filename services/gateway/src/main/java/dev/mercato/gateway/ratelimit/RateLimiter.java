package dev.mercato.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *       while disconnected), or no answer arrives within Lettuce's command timeout ({@code spring.data.redis.timeout}). Those failures open a circuit
 *       breaker, and every request is decided by this instance alone, in memory, at {@code fallback-share} of every
 *       limit: the gateway never fails open to unlimited traffic and never fails closed into an outage. The breaker
 *       probes Redis again shortly after, so recovery needs no restart. {@code gateway_ratelimit_degraded} is 1
 *       while the breaker is not closed.
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
    private final Timer redisDecisions;
    private final Counter late;
    private final long redisTimeoutNanos;
    private final Map<String, List<Tier>> tiersByRoute = new ConcurrentHashMap<>();
    private final Map<Decision.Source, Counter> allowed = new EnumMap<>(Decision.Source.class);
    private final Map<Decision.Source, Counter> rejected = new EnumMap<>(Decision.Source.class);

    RateLimiter(
            RateLimitProperties properties, RedisRateLimiter redis, CircuitBreaker redisBreaker, MeterRegistry meters) {
        this.properties = properties;
        this.redis = redis;
        this.redisBreaker = redisBreaker;
        this.redisTimeoutNanos = properties.redisTimeout().toNanos();
        Gauge.builder("gateway.ratelimit.degraded", redisBreaker, breaker -> isClosed(breaker.getState()) ? 0 : 1)
                .description("1 while Redis counts as unreachable and every decision is made by the local limits")
                .register(meters);
        redisBreaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                log.warn(
                        "Rate limiting falls back to local limits ({} of each): Redis unreachable",
                        properties.fallbackShare());
            } else if (isClosed(to)) {
                log.info("Rate limiting is back on Redis");
            }
        });
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
        redis.warmUp().orTimeout(5, TimeUnit.SECONDS).whenComplete((sha, failure) -> {
            if (failure != null) {
                log.info("Rate-limit script not loaded at startup: {}", failure.toString());
            } else {
                log.debug("Rate-limit script loaded on Redis ({})", sha);
            }
        });
    }

    /** The tiers that apply to a route; none means the route is not limited. */
    List<Tier> tiersOf(String routeId) {
        return tiersByRoute.computeIfAbsent(
                routeId,
                id -> properties.tiers().stream().filter(t -> t.appliesTo(id)).toList());
    }

    /**
     * {@code timers}: the request's own event loop (may be null), where its wait timer runs and where the request
     * continues once Redis has answered.
     */
    Mono<Decision> decide(List<Tier> tiers, String caller, ScheduledExecutorService timers) {
        List<String> keys = new ArrayList<>(tiers.size());
        for (Tier tier : tiers) {
            keys.add(properties.keyPrefix() + tier.name() + ":" + caller);
        }
        // suppressCancel: a request that stops waiting leaves the command to finish and report to the breaker.
        return Mono.fromFuture(() -> lateAfterWait(onRedis(tiers, keys, timers), timers), true)
                .onErrorResume(failure -> Mono.fromSupplier(() -> fallback(tiers, keys, failure)))
                .doOnNext(this::count);
    }

    /**
     * The decision on Redis, its outcome recorded by the breaker whether or not the request still waits for it, all of
     * it on the request's event loop. A command that gets no answer fails after Lettuce's command timeout
     * ({@code spring.data.redis.timeout}).
     */
    private CompletableFuture<Decision> onRedis(List<Tier> tiers, List<String> keys, ScheduledExecutorService loop) {
        long started = System.nanoTime();
        return redisBreaker
                .executeCompletionStage(() -> onLoop(
                        redis.decide(tiers, keys).whenComplete((decision, failure) -> {
                            if (decision != null) {
                                redisDecisions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            }
                        }),
                        loop))
                .toCompletableFuture();
    }

    /**
     * Ends the request's wait after {@code redis-timeout}, on the timer of the request's event loop: no lock, no
     * thread to wake, no cancelling (a timer that finds the decision made does nothing).
     */
    private CompletableFuture<Decision> lateAfterWait(
            CompletableFuture<Decision> decision, ScheduledExecutorService timers) {
        if (!decision.isDone()) {
            Runnable late = () -> decision.completeExceptionally(LateDecision.INSTANCE);
            if (timers != null) {
                timers.schedule(late, redisTimeoutNanos, TimeUnit.NANOSECONDS);
            } else {
                CompletableFuture.delayedExecutor(redisTimeoutNanos, TimeUnit.NANOSECONDS)
                        .execute(late);
            }
        }
        return decision;
    }

    /**
     * Redis's answer, handed to the request's event loop ({@code loop}) when it arrives on another thread. Lettuce
     * completes a command on its own threads (its I/O loop, its timer when the command times out), and at times while
     * it holds the connection's internal locks (failing queued commands when the connection drops); without this hop
     * the breaker's bookkeeping with its state-change log, the local fallback and the rest of the request (the filter
     * chain, the forwarding, the response) would run there: inside Lettuce's critical section, holding up every other
     * command, and away from the loop the request's own I/O and timers live on. An answer already there when the
     * request asks (a command rejected at once) is used at once.
     */
    static <T> CompletableFuture<T> onLoop(CompletableFuture<T> answer, ScheduledExecutorService loop) {
        if (loop == null || answer.isDone()) {
            return answer;
        }
        CompletableFuture<T> onLoop = new CompletableFuture<>();
        answer.whenComplete((value, failure) -> {
            Runnable deliver = () -> {
                if (failure != null) {
                    onLoop.completeExceptionally(failure);
                } else {
                    onLoop.complete(value);
                }
            };
            try {
                loop.execute(deliver);
            } catch (RejectedExecutionException shutDown) {
                deliver.run(); // the loop is shutting down: answering here beats never answering
            }
        });
        return onLoop;
    }

    /** Redis's answer came after {@code redis-timeout}. Without a stack trace: it is an outcome, not a bug. */
    private static final class LateDecision extends RuntimeException {
        static final LateDecision INSTANCE = new LateDecision();

        private LateDecision() {
            super("no decision from Redis within redis-timeout", null, false, false);
        }
    }

    private Decision fallback(List<Tier> tiers, List<String> keys, Throwable failure) {
        if (failure instanceof LateDecision) {
            late.increment();
        } else {
            log.debug("Rate-limit decision made locally: {}", failure.toString());
        }
        List<Tier> shares =
                tiers.stream().map(t -> t.share(properties.fallbackShare())).toList();
        return local.decide(shares, keys, System.currentTimeMillis());
    }

    private static boolean isClosed(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED;
    }

    private void count(Decision decision) {
        (decision.allowed() ? allowed : rejected).get(decision.source()).increment();
    }
}
