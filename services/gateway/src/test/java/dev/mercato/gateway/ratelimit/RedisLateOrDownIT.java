package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.gateway.GatewayFixture;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.net.FaultProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The limiter tells a late Redis from an unreachable one (ADR 013). Redis sits behind a fault proxy: slow answers
 * send only the late requests to the local limits and leave the breaker closed; no answers at all (a partition) open
 * the breaker, every decision goes local and {@code gateway_ratelimit_degraded} is 1; once Redis answers again the
 * decisions return to it without a restart.
 */
class RedisLateOrDownIT {

    GatewayFixture fixture;
    FaultProxy redis;
    ConfigurableApplicationContext gateway;
    HttpJson http;
    CircuitBreaker breaker;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start();
        redis = FaultProxy.to("localhost", 6379);
        gateway = fixture.gateway(Map.of(
                "spring.data.redis.port", String.valueOf(redis.port()), "gateway.rate-limits.redis-timeout", "50ms"));
        http = HttpJson.at("http://localhost:" + GatewayFixture.port(gateway));
        breaker = gateway.getBean(CircuitBreakerRegistry.class).circuitBreaker("ratelimit-redis");
        assertThat(http.get("/v1/products").status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        gateway.close();
        redis.close();
        fixture.close();
    }

    @Test
    void aSlowRedisMovesOnlyTheLateRequestsToLocalLimits() {
        redis.latency(Duration.ofMillis(150));
        for (int i = 0; i < 12; i++) {
            assertThat(http.get("/v1/products").status()).isEqualTo(200);
        }

        assertThat(GatewayFixture.count(gateway, "gateway.ratelimit.late")).isGreaterThanOrEqualTo(12);
        assertThat(breaker.getState()).as("a slow answer is not a failure").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(GatewayFixture.gauge(gateway, "gateway.ratelimit.degraded")).isZero();
        decidesOnRedisAgainOnceRestored();
    }

    @Test
    void anUnreachableRedisOpensTheBreakerAndEveryDecisionGoesLocal() {
        redis.blackhole();
        // each command fails after Lettuce's command timeout (500 ms); five failures open the breaker
        Awaitility.await("the breaker opens")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(http.get("/v1/products").status()).isEqualTo(200);
                    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
                });
        assertThat(GatewayFixture.gauge(gateway, "gateway.ratelimit.degraded")).isEqualTo(1.0);

        long started = System.nanoTime();
        assertThat(http.get("/v1/products").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("with the breaker open, a decision does not wait for Redis")
                .isLessThan(Duration.ofMillis(200));

        decidesOnRedisAgainOnceRestored();
        assertThat(GatewayFixture.gauge(gateway, "gateway.ratelimit.degraded")).isZero();
    }

    /** Commands still queued on the connection are answered first; the breaker probes again after 2 s. */
    private void decidesOnRedisAgainOnceRestored() {
        redis.restore();
        Awaitility.await("a decision on Redis again")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    double before = GatewayFixture.decisions(gateway, "redis");
                    assertThat(http.get("/v1/products").status()).isEqualTo(200);
                    assertThat(GatewayFixture.decisions(gateway, "redis")).isEqualTo(before + 1);
                });
    }
}
