package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mercato.gateway.GatewayApplication;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.redis.PrivateRedis;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway instances sharing a private Redis, in front of a trivial downstream: limits hold across instances, other
 * callers are unaffected, and with Redis stopped the gateway keeps serving under its local fallback limits.
 */
class GatewayRateLimitIT {

    static PrivateRedis redis;
    static HttpServer downstream;
    static final java.util.concurrent.atomic.AtomicInteger forwarded = new java.util.concurrent.atomic.AtomicInteger();
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        redis = PrivateRedis.start();
        downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        downstream.createContext("/", exchange -> {
            forwarded.incrementAndGet();
            byte[] body = "{\"items\":[],\"nextCursor\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        downstream.start();
        Map<String, Object> properties = properties();
        first = gateway(properties);
        second = gateway(properties);
    }

    @AfterAll
    static void stop() {
        if (first != null) first.close();
        if (second != null) second.close();
        if (downstream != null) downstream.stop(0);
        if (redis != null) redis.close();
    }

    private static Map<String, Object> properties() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", 0);
        p.put("management.server.port", 0);
        p.put("eureka.client.enabled", false);
        p.put("MERCATO_LOG_FORMAT", "text");
        p.put("CATALOG_URI", "http://127.0.0.1:" + downstream.getAddress().getPort());
        p.put("spring.data.redis.port", redis.port());
        p.put("gateway.rate-limits.key-prefix", "test:" + UUID.randomUUID() + ":");
        p.put("gateway.rate-limits.fallback-share", 0.5);
        // Exact counts need every decision on Redis: a busy test machine must not push one past the production
        // 50 ms timeout into the local fallback. The fallback itself is tested with Redis stopped.
        p.put("gateway.rate-limits.redis-timeout", "2s");
        p.put("resilience4j.circuitbreaker.instances.ratelimit-redis.slow-call-duration-threshold", "2s");
        p.put("gateway.rate-limits.api-keys.partner-a", sha256("key-a"));
        p.put("gateway.rate-limits.api-keys.partner-b", sha256("key-b"));
        p.put("gateway.rate-limits.api-keys.partner-once", sha256("key-once"));
        p.put("gateway.rate-limits.tiers[0].name", "catalog");
        p.put("gateway.rate-limits.tiers[0].algorithm", "token-bucket");
        p.put("gateway.rate-limits.tiers[0].limit", 1);
        p.put("gateway.rate-limits.tiers[0].period", "1h");
        p.put("gateway.rate-limits.tiers[0].burst", 10);
        p.put("gateway.rate-limits.tiers[0].routes", "catalog-read");
        return p;
    }

    /** As command-line arguments: they outrank application.yml, as they would in production. */
    private static ConfigurableApplicationContext gateway(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).run(args);
    }

    private static HttpJson client(ConfigurableApplicationContext gateway) {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        return HttpJson.at("http://localhost:" + port);
    }

    @Test
    void holdsOneLimitAcrossBothInstancesAndLeavesOtherCallersAlone() {
        int allowed = 0;
        HttpJson.Response last = null;
        for (int i = 0; i < 16; i++) {
            last = client(i % 2 == 0 ? first : second).get("/v1/products", "X-Api-Key", "key-a");
            if (last.status() == 200) {
                allowed++;
                assertThat(last.header(RateLimitFilter.LIMIT)).isPresent();
                assertThat(last.header(RateLimitFilter.REMAINING)).isPresent();
                assertThat(last.header(RateLimitFilter.RESET)).isPresent();
            }
        }

        assertThat(allowed).as("burst of 10, shared by both instances").isEqualTo(10);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(last.header(RateLimitFilter.REMAINING)).contains("0");

        assertThat(client(first).get("/v1/products", "X-Api-Key", "key-b").status())
                .as("another caller")
                .isEqualTo(200);
    }

    @Test
    void forwardsEachAllowedRequestOnceAndNoRefusedOne() {
        HttpJson gateway = client(first);
        int before = forwarded.get();
        int allowed = 0;
        for (int i = 0; i < 14; i++) {
            if (gateway.get("/v1/products", "X-Api-Key", "key-once").status() == 200) {
                allowed++;
            }
        }

        assertThat(allowed).isPositive();
        assertThat(forwarded.get() - before)
                .as("requests that reached the downstream")
                .isEqualTo(allowed);
    }

    @Test
    void doesNotLetInventedApiKeysEscapeTheAddressLimit() {
        int allowed = 0;
        for (int i = 0; i < 12; i++) {
            if (client(first).get("/v1/categories", "X-Api-Key", "made-up-" + i).status() == 200) {
                allowed++;
            }
        }
        assertThat(allowed).as("all counted against the client address").isLessThanOrEqualTo(10);
    }

    @Test
    void keepsServingUnderLocalLimitsWhileRedisIsDownAndRecoversWithoutRestart() throws Exception {
        HttpJson gateway = client(first);
        redis.stop();
        try {
            int allowed = 0;
            for (int i = 0; i < 12; i++) {
                var response = gateway.get("/v1/products", "X-Api-Key", "key-b-fallback-" + i, "X-Forwarded-For", "x");
                if (response.status() == 200) {
                    allowed++;
                } else {
                    assertThat(response.status()).isEqualTo(429);
                }
            }
            assertThat(allowed)
                    .as("half of the burst, enforced by this instance alone")
                    .isEqualTo(5);
            assertThat(gateway.get("/readyz").status()).isEqualTo(200);
            assertThat(degraded(first)).isEqualTo(1.0);
        } finally {
            redis.restart();
        }

        Awaitility.await("decisions back on Redis")
                .atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(500))
                .untilAsserted(() -> {
                    gateway.get("/v1/categories", "X-Api-Key", "key-b");
                    assertThat(degraded(first)).isEqualTo(0.0);
                });
    }

    /** Metrics are served on the management port only, never on the public one. */
    private static HttpJson management(ConfigurableApplicationContext gateway) {
        return HttpJson.at("http://localhost:" + gateway.getEnvironment().getProperty("local.management.port"));
    }

    private static double degraded(ConfigurableApplicationContext gateway) {
        var matcher = java.util.regex.Pattern.compile("(?m)^gateway_ratelimit_degraded\\{[^}]*} ([0-9.]+)$")
                .matcher(management(gateway).get("/actuator/prometheus").text());
        assertThat(matcher.find()).as("gateway_ratelimit_degraded exported").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
