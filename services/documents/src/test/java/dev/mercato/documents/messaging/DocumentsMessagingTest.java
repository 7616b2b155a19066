package dev.mercato.documents.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.consumer.RetryPolicy;
import dev.mercato.messaging.topology.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

/** An API-only instance declares the workers' chunk queue exactly as they do, without consuming it. */
class DocumentsMessagingTest {

    static final MessageHandler NOTHING = envelope -> {};
    static final RetryPolicy RETRIES = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

    @Test
    void aWorkerConsumesTheChunksBoundByTheirHeaders() {
        Topology topology = topology(true);
        assertThat(topology.consumers().stream().map(ConsumerSpec::queue))
                .containsExactlyInAnyOrder("documents.events", "documents.reports", "documents.invoice-chunks");
        ConsumerSpec chunks = topology.consumers().stream()
                .filter(consumer -> consumer.queue().equals("documents.invoice-chunks"))
                .findFirst()
                .orElseThrow();
        assertThat(chunks.prefetch()).isEqualTo(1);
        assertThat(chunks.bindings().getFirst().headers())
                .containsEntry("type", "invoice")
                .containsEntry("format", "pdf");
    }

    @Test
    void anApiOnlyInstanceDeclaresTheChunkQueueTheSameWayWithoutConsumingIt() {
        Topology apiOnly = topology(false);
        assertThat(apiOnly.consumers().stream().map(ConsumerSpec::queue))
                .containsExactlyInAnyOrder("documents.events", "documents.reports");

        assertThat(chunkDeclarables(apiOnly)).isEqualTo(chunkDeclarables(topology(true)));
        assertThat(chunkDeclarables(apiOnly))
                .anyMatch(declared -> declared.startsWith("binding mercato.documents -> documents.invoice-chunks")
                        && declared.contains("type=invoice")
                        && declared.contains("format=pdf"))
                .anyMatch(declared -> declared.startsWith("queue documents.invoice-chunks.dlq"));
    }

    private static List<String> chunkDeclarables(Topology topology) {
        return topology.declarables(RETRIES, "mercato.dlx").getDeclarables().stream()
                .filter(declarable -> describe(declarable).contains("documents.invoice-chunks"))
                .map(DocumentsMessagingTest::describe)
                .sorted()
                .toList();
    }

    private static String describe(Declarable declarable) {
        return switch (declarable) {
            case Queue queue -> "queue " + queue.getName() + " " + queue.getArguments();
            case Binding binding ->
                "binding " + binding.getExchange() + " -> " + binding.getDestination() + " " + binding.getArguments();
            default -> declarable.toString();
        };
    }

    private static Topology topology(boolean worker) {
        var settings = new MessagingSettings(
                "documents.events",
                "documents.invoice-chunks",
                "documents.reports",
                new MessagingSettings.Worker(worker, 1));
        return DocumentsMessaging.topology(NOTHING, NOTHING, NOTHING, settings, RETRIES, "mercato.dlx");
    }
}
