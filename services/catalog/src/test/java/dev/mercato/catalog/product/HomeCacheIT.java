package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The home page through the Redis cache: a second read is a hit, and a product change shows on the next read. */
class HomeCacheIT extends AdminApiTest {

    private static final String PREFIX = "it:catalog:" + UUID.randomUUID() + ":";
    private static StringRedisTemplate keys;

    @DynamicPropertySource
    static void cache(DynamicPropertyRegistry registry) {
        registry.add("catalog.cache.enabled", () -> "true");
        registry.add("catalog.cache.key-prefix", () -> PREFIX);
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void deleteKeys() {
        if (keys != null) {
            var cached = keys.keys(PREFIX + "*");
            if (cached != null && !cached.isEmpty()) {
                keys.delete(cached);
            }
        }
    }

    @Test
    void aSecondReadIsAHitAndAProductChangeShowsOnTheNextRead() {
        keys = redis;
        ProductBody body = ProductBody.valid();
        var created = asAdmin("POST", "/v1/products", body.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        jdbc.sql("insert into featured_product (city, product_id, position) values ('napoli', :id, 1)")
                .param("id", UUID.fromString(id))
                .update();
        awaitInvalidations(1); // the creation's broadcast, before anything is cached

        assertThat(featuredPrice()).isEqualTo("19.90");
        double hits = hits();
        assertThat(featuredPrice()).isEqualTo("19.90");
        assertThat(hits()).as("the second read came from Redis").isEqualTo(hits + 1);

        double invalidations = meters.counter("catalog.cache.invalidations").count();
        var changed = asAdmin(
                "PUT",
                "/v1/products/" + id,
                body.price("5.00", "EUR").json(),
                "If-Match",
                created.header("ETag").orElseThrow());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        awaitInvalidations(invalidations + 1);

        assertThat(featuredPrice()).isEqualTo("5.00");
    }

    private String featuredPrice() {
        var home = http.get("/v1/home?city=napoli");
        assertThat(home.status()).as(home.toString()).isEqualTo(200);
        return home.json().get("featured").get(0).get("price").get("amount").asString();
    }

    private double hits() {
        return meters.find("catalog.cache.requests").tag("cache", "home").tag("result", "hit").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private void awaitInvalidations(double count) {
        Awaitility.await("the invalidation broadcast")
                .atMost(Duration.ofSeconds(15))
                .until(() -> meters.counter("catalog.cache.invalidations").count() >= count);
    }
}
