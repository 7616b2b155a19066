package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.AdminApiTest;
import dev.mercato.catalog.CatalogApplication;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two catalog instances (this test's context and a second application on the same database, broker and Redis keys),
 * both caching: an admin price change made through one is visible on the next read from each, once the invalidation
 * broadcast reached them.
 */
class CacheInvalidationAcrossInstancesIT extends AdminApiTest {

    private static final String PREFIX = "it:catalog:" + UUID.randomUUID() + ":";
    private static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void cache(DynamicPropertyRegistry registry) {
        registry.add("catalog.cache.enabled", () -> "true");
        registry.add("catalog.cache.key-prefix", () -> PREFIX);
    }

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            StringRedisTemplate redis = second.getBean(StringRedisTemplate.class);
            var keys = redis.keys(PREFIX + "*");
            if (keys != null && !keys.isEmpty()) {
                redis.delete(keys);
            }
            second.close();
        }
    }

    @Test
    void anAdminPriceChangeIsVisibleOnTheNextReadFromEveryInstance() {
        HttpJson other = HttpJson.at(
                "http://localhost:" + secondInstance().getWebServer().getPort());
        MeterRegistry otherMeters = second.getBean(MeterRegistry.class);
        ProductBody body = ProductBody.valid();
        var created = asAdmin("POST", "/v1/products", body.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String listing = "/v1/products?q=" + body.sku();
        awaitInvalidations(1, 1); // the creation's broadcast, before anything is cached
        double hitsBefore = hits(meters) + hits(otherMeters);

        for (HttpJson instance : List.of(http, other)) {
            for (int read = 0; read < 2; read++) {
                assertThat(price(instance.get("/v1/products/" + id))).isEqualTo("19.90");
                assertThat(instance.get(listing)
                                .json()
                                .get("items")
                                .get(0)
                                .get("price")
                                .get("amount")
                                .asString())
                        .isEqualTo("19.90");
            }
        }
        assertThat(hits(meters) + hits(otherMeters) - hitsBefore)
                .as("both instances read the cached detail and page")
                .isGreaterThanOrEqualTo(6);
        String cachedEtag = other.get("/v1/products/" + id).header("ETag").orElseThrow();

        double firstInvalidations = invalidations(meters);
        double secondInvalidations = invalidations(otherMeters);
        var changed = asAdmin(
                "PUT",
                "/v1/products/" + id,
                body.price("5.00", "EUR").json(),
                "If-Match",
                created.header("ETag").orElseThrow());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        awaitInvalidations(firstInvalidations + 1, secondInvalidations + 1);

        for (HttpJson instance : List.of(http, other)) {
            assertThat(price(instance.get("/v1/products/" + id))).isEqualTo("5.00");
            assertThat(price(instance.get("/v1/products/" + id, "Accept-Language", "it")))
                    .isEqualTo("5.00");
            assertThat(instance.get(listing)
                            .json()
                            .get("items")
                            .get(0)
                            .get("price")
                            .get("amount")
                            .asString())
                    .isEqualTo("5.00");
            assertThat(instance.get("/v1/products/" + id, "If-None-Match", cachedEtag)
                            .status())
                    .as("the old ETag no longer matches")
                    .isEqualTo(200);
        }
    }

    private void awaitInvalidations(double first, double second) {
        Awaitility.await("the invalidation broadcast reached both instances")
                .atMost(Duration.ofSeconds(15))
                .until(() -> invalidations(meters) >= first
                        && invalidations(CacheInvalidationAcrossInstancesIT.second.getBean(MeterRegistry.class))
                                >= second);
    }

    private WebServerApplicationContext secondInstance() {
        if (second == null) {
            // as arguments: they must win over application.yml (default properties would not)
            Map<String, String> properties = Map.ofEntries(
                    Map.entry("server.port", "0"),
                    Map.entry("eureka.client.enabled", "false"),
                    Map.entry("MERCATO_LOG_FORMAT", "text"),
                    Map.entry("spring.flyway.enabled", "false"),
                    Map.entry("spring.datasource.url", environment.getRequiredProperty("spring.datasource.url")),
                    Map.entry(
                            "spring.datasource.username",
                            environment.getRequiredProperty("spring.datasource.username")),
                    Map.entry("spring.datasource.password", environment.getProperty("spring.datasource.password", "")),
                    Map.entry("catalog.history.enabled", "false"),
                    Map.entry("catalog.publishing.queue", "it.catalog.product-publishing." + UUID.randomUUID()),
                    Map.entry("catalog.cache.enabled", "true"),
                    Map.entry("catalog.cache.key-prefix", PREFIX),
                    Map.entry("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY.url()));
            second = new SpringApplicationBuilder(CatalogApplication.class, TestQueues.class)
                    .run(properties.entrySet().stream()
                            .map(property -> "--" + property.getKey() + "=" + property.getValue())
                            .toArray(String[]::new));
        }
        return (WebServerApplicationContext) second;
    }

    private static String price(HttpJson.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("price").get("amount").asString();
    }

    private static double hits(MeterRegistry registry) {
        return registry.find("catalog.cache.requests").tag("result", "hit").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static double invalidations(MeterRegistry registry) {
        return registry.counter("catalog.cache.invalidations").count();
    }
}
