package dev.mercato.catalog.cache;

import dev.mercato.catalog.CatalogIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.redis.PrivateRedis;
import dev.mercato.testsupport.scenario.Evidence;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ./mercato scenario redis-down}: the catalog caches in a Redis of the test's own, which is stopped and started
 * again. Redis is soft for the catalog: reads keep succeeding from PostgreSQL, readiness stays up, and hits resume once
 * Redis is back, without a restart.
 */
@CatalogIntegrationTest
class RedisDownScenarioIT {

    private static final PrivateRedis REDIS = PrivateRedis.start();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("catalog.cache.enabled", () -> "true");
        registry.add("catalog.cache.skip-after-failure", () -> "1s");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void readsSurviveRedisGoingAwayAndHitsResumeWhenItIsBack() throws Exception {
        Evidence evidence = new Evidence("redis-down", "the catalog's Redis stops and comes back under reads");
        HttpJson http = HttpJson.at("http://localhost:" + port);
        var first = http.get("/v1/products?limit=5");
        String id = first.json().get("items").get(0).get("id").asString();
        String name = first.json().get("items").get(0).get("name").asString();
        String detail = "/v1/products/" + id;

        int failures = 0;
        for (int i = 0; i < 5; i++) {
            failures += reads(http, detail, name);
        }
        double hitsUp = hits();
        evidence.at("Redis up: 5 rounds of reads, %.0f cache hits, %d failed reads", hitsUp, failures);

        REDIS.stop();
        evidence.at("Redis on port %d stopped", REDIS.port());
        double errorsBefore = errors();
        int rounds = 0;
        int failedWhileDown = 0;
        long started = System.nanoTime();
        while (System.nanoTime() - started < Duration.ofSeconds(3).toNanos()) {
            failedWhileDown += reads(http, detail, name);
            rounds++;
        }
        double hitsDown = hits() - hitsUp;
        double redisErrors = errors() - errorsBefore;
        int readiness = http.get("/readyz").status();
        evidence.at(
                "Redis down for 3 s: %d rounds of reads (detail + listing), %d failed, %.0f Redis errors counted,"
                        + " readiness %d",
                rounds, failedWhileDown, redisErrors, readiness);

        REDIS.restart();
        evidence.at("Redis started again on port %d (empty)", REDIS.port());
        double hitsBeforeRecovery = hits();
        long back = System.nanoTime();
        int failedAfter = 0;
        while (hits() - hitsBeforeRecovery < 2
                && System.nanoTime() - back < Duration.ofSeconds(20).toNanos()) {
            failedAfter += reads(http, detail, name);
            Thread.sleep(50);
        }
        double recoveredHits = hits() - hitsBeforeRecovery;
        evidence.at(
                "after %.1f s with Redis back: %.0f cache hits, %d failed reads",
                (System.nanoTime() - back) / 1e9, recoveredHits, failedAfter);

        evidence.invariant("reads are served from the cache while Redis is up", hitsUp > 0, hitsUp + " hits");
        evidence.invariantEquals("every read succeeds with Redis down", failedWhileDown, 0);
        evidence.invariantEquals("no read is served from the stopped Redis", hitsDown, 0.0);
        evidence.invariantEquals("the catalog stays ready with Redis down", readiness, 200);
        evidence.invariant(
                "a dead Redis is skipped instead of tried by every read",
                redisErrors >= 1 && redisErrors < rounds,
                "%.0f Redis errors over %d rounds".formatted(redisErrors, rounds));
        evidence.invariant(
                "hits resume once Redis is back, without a restart", recoveredHits >= 2, recoveredHits + " hits");
        evidence.invariantEquals("every read succeeds while Redis comes back", failedAfter + failures, 0);
        evidence.verdict();
    }

    /** A detail and a listing read; returns how many of them did not answer 200 with the product. */
    private static int reads(HttpJson http, String detail, String name) {
        int failed = 0;
        var product = http.get(detail);
        if (product.status() != 200 || !name.equals(product.json().get("name").asString())) {
            failed++;
        }
        var page = http.get("/v1/products?limit=5");
        if (page.status() != 200
                || !name.equals(page.json().get("items").get(0).get("name").asString())) {
            failed++;
        }
        return failed;
    }

    private double hits() {
        return meters.find("catalog.cache.requests").tag("result", "hit").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double errors() {
        return meters.counter("catalog.cache.redis.errors").count();
    }
}
