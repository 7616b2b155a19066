package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.CatalogApplication;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The schedule lives in the outbox and on the broker, not in the process: a catalog that is stopped after scheduling
 * a product and started again before its time still publishes it on time. Both instances share a database and the
 * publishing queues of this test; only the second one deletes the queues when it closes.
 */
class ScheduledPublishingRestartIT {

    static final Duration AHEAD = Duration.ofSeconds(15);

    @Test
    void publishesOnTimeAfterTheCatalogWasRestartedInBetween() {
        String queue = "it.catalog.product-publishing." + UUID.randomUUID();
        try (TestDatabase database = TestDatabase.create("catalog_restart")) {
            Instant at;
            UUID id;
            try (ConfigurableApplicationContext first = start(database, queue, CatalogApplication.class)) {
                at = Instant.now().plus(AHEAD);
                id = first.getBean(ProductAdmin.class).create(scheduledFor(at)).id();
            }
            try (ConfigurableApplicationContext second =
                    start(database, queue, CatalogApplication.class, TestQueues.class)) {
                assertThat(Instant.now())
                        .as("the second catalog must be up before the product is due, or this proves nothing")
                        .isBefore(at);
                HttpJson http = HttpJson.at(
                        "http://localhost:" + second.getEnvironment().getProperty("local.server.port"));

                Instant appeared = Appearance.await(http, id, at);

                assertThat(appeared).isBetween(at, at.plusSeconds(1));
            }
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase database, String queue, Class<?>... sources) {
        // As command-line arguments: they win over application.yml, as the test's own database and queue must.
        Map<String, String> properties = Map.of(
                "spring.datasource.url",
                database.jdbcUrl(),
                "spring.datasource.username",
                database.server().user(),
                "spring.datasource.password",
                Objects.toString(database.server().password(), ""),
                "server.port",
                "0",
                "eureka.client.enabled",
                "false",
                "MERCATO_LOG_FORMAT",
                "text",
                "catalog.history.enabled",
                "false",
                "catalog.publishing.queue",
                queue,
                // the shared Redis under the default prefix is not this test's
                "catalog.cache.enabled",
                "false");
        return new SpringApplicationBuilder(sources)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    private static ProductInput scheduledFor(Instant at) {
        String sku = ProductBody.newSku();
        return new ProductInput(
                sku,
                "books",
                Map.of("en", "Restarted " + sku),
                Map.of(),
                new ProductInput.Price("12.00", "EUR"),
                null,
                true,
                at);
    }
}
