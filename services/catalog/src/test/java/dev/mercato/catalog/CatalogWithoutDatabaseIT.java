package dev.mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Catalog whose database does not answer: it stays alive, reports not ready, and answers reads with 503 problems. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "spring.flyway.enabled=false",
            "catalog.history.enabled=false",
            "catalog.publishing.queue=it.catalog.product-publishing.${random.uuid}",
            "spring.datasource.hikari.initialization-fail-timeout=-1",
            "catalog.cache.key-prefix=it:catalog:${random.uuid}:"
        })
@Import(TestQueues.class)
class CatalogWithoutDatabaseIT {

    @DynamicPropertySource
    static void unreachableDatabase(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/none");
    }

    @LocalServerPort
    int port;

    @Test
    void staysAliveButNotReadyAndAnswersReadsWith503() {
        var http = HttpJson.at("http://localhost:" + port);

        long started = System.nanoTime();
        var readiness = http.get("/readyz");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.text()).contains("\"db\"");
        assertThat(took)
                .as("readiness check bounded by the pool's connection timeout")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(http.get("/livez").status()).isEqualTo(200);

        var read = http.get("/v1/products");
        assertThat(read.status()).isEqualTo(503);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.json().get("type").asString()).endsWith("/unavailable");
        assertThat(read.text()).doesNotContain("jdbc:", "Connection refused");
    }
}
