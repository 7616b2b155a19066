package dev.mercato.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyDocTest {

    @Test
    void rendersExchangesQueuesWithTheirKindAndArgumentsAndBindings() {
        Topology topology = Topology.platform()
                .consume(Consumers.on("search.product-events")
                        .bind(Exchanges.EVENTS, "product.*")
                        .maxAttempts(3)
                        .backoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10))
                        .handle(envelope -> {}))
                .consume(Consumers.on("documents.invoices")
                        .bindHeaders(Exchanges.DOCUMENTS, Map.of("type", "invoice", "format", "pdf"))
                        .handle(envelope -> {}))
                .broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, envelope -> {}))
                .build();

        String doc = TopologyDoc.render(
                topology, new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2), "mercato.dlx");

        assertThat(doc)
                .contains("| `mercato.events` | topic | yes |  |")
                .contains("| `mercato.dlx` | direct | yes |  |")
                .contains("| `search.product-events` | work | durable | `x-dead-letter-exchange=mercato.dlx`"
                        + " `x-dead-letter-routing-key=search.product-events` |")
                .contains(
                        "| `search.product-events.retry.500ms` | delay 500ms | durable | `x-dead-letter-exchange=\"\"`"
                                + " `x-dead-letter-routing-key=search.product-events` `x-message-ttl=500` |")
                .contains("| `search.product-events.retry.1s` | delay 1s |")
                .contains("| `search.product-events.dlq` | dead-letter | durable |  |")
                .contains("| `documents.invoices.retry.8s` | delay 8s |")
                .contains("| `mercato.catalog.invalidations.instance.{random}` | broadcast (one per instance) |"
                        + " transient, exclusive, auto-delete |  |")
                .contains("| `mercato.events` | `product.*` | `search.product-events` |")
                .contains("| `mercato.documents` | `format=pdf` `type=invoice` `x-match=all` | `documents.invoices` |")
                .contains("| `mercato.dlx` | `search.product-events` | `search.product-events.dlq` |")
                .contains(
                        "| `mercato.catalog.invalidations` | `\"\"` | `mercato.catalog.invalidations.instance.{random}` |");
        assertThat(TopologyDoc.render(
                        topology,
                        new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2),
                        "mercato.dlx"))
                .as("the same on every run")
                .isEqualTo(doc);
    }

    @Test
    void usesTheLibraryDefaultsWhenGivenNoSettings() {
        String doc = TopologyDoc.render(Topology.builder()
                .consume(Consumers.on("q").handle(envelope -> {}))
                .build());

        // 5 attempts: retries after 1 s, 2 s, 4 s, 8 s through mercato.dlx
        assertThat(doc)
                .contains("`q.retry.1s`", "`q.retry.2s`", "`q.retry.4s`", "`q.retry.8s`", "| `mercato.dlx` | direct |")
                .doesNotContain("q.retry.16s");
    }

    @Test
    void aBlockIsComparedAndRewrittenOnlyOnRequest(@TempDir Path dir) throws Exception {
        Path document = dir.resolve("doc.md");
        Files.writeString(document, "# Doc\n<!-- topology:x -->\nold\n<!-- /topology:x -->\ntail\n");
        String given = System.clearProperty(TopologyDocBlock.UPDATE_PROPERTY); // this build may run in update mode

        assertThatThrownBy(() -> TopologyDocBlock.verify(document, "x", "new\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("-Dmercato.docs.update=true");
        assertThatThrownBy(() -> TopologyDocBlock.verify(document, "y", "new\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<!-- topology:y -->");

        System.setProperty(TopologyDocBlock.UPDATE_PROPERTY, "true");
        try {
            TopologyDocBlock.verify(document, "x", "new\n");
        } finally {
            if (given == null) {
                System.clearProperty(TopologyDocBlock.UPDATE_PROPERTY);
            } else {
                System.setProperty(TopologyDocBlock.UPDATE_PROPERTY, given);
            }
        }
        assertThat(Files.readString(document))
                .isEqualTo("# Doc\n<!-- topology:x -->\nnew\n<!-- /topology:x -->\ntail\n");
        TopologyDocBlock.verify(document, "x", "new");
    }
}
