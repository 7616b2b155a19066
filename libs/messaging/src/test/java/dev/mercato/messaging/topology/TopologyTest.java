package dev.mercato.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.ExchangeTypes;
import org.springframework.amqp.core.Queue;

class TopologyTest {

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2);

    @Test
    void aConsumerComesWithItsDelayQueuesAndDeadLetterQueue() {
        Topology topology = Topology.builder()
                .consume(Consumers.on("search.product-events")
                        .bind(Exchanges.EVENTS, "product.*")
                        .maxAttempts(4)
                        .backoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(1))
                        .handle(envelope -> {}))
                .build();

        List<Declarable> declarables = topology.declarables(DEFAULTS, "mercato.dlx").getDeclarables().stream()
                .toList();

        Queue work = queue(declarables, "search.product-events");
        assertThat(work.isDurable()).isTrue();
        assertThat(work.getArguments())
                .containsEntry("x-dead-letter-exchange", "mercato.dlx")
                .containsEntry("x-dead-letter-routing-key", "search.product-events");
        // attempts 1..3 fail into 500 ms, 1 s, 1 s (capped): two delay queues
        assertThat(queue(declarables, "search.product-events.retry.500ms").getArguments())
                .containsEntry("x-message-ttl", 500)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "search.product-events");
        assertThat(queue(declarables, "search.product-events.retry.1s").getArguments())
                .containsEntry("x-message-ttl", 1000);
        assertThat(declarables.stream().filter(Queue.class::isInstance)).hasSize(4);
        assertThat(queue(declarables, "search.product-events.dlq").getArguments())
                .isEmpty();
        assertThat(bindings(declarables))
                .extracting(Binding::getExchange, Binding::getRoutingKey, Binding::getDestination)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Exchanges.EVENTS, "product.*", "search.product-events"),
                        org.assertj.core.groups.Tuple.tuple(
                                "mercato.dlx", "search.product-events", "search.product-events.dlq"));
        assertThat(exchanges(declarables)).extracting(Exchange::getName).containsExactly("mercato.dlx");
    }

    @Test
    void platformDeclaresAllFourExchangeTypes() {
        List<Declarable> declarables =
                Topology.platform().build().declarables(DEFAULTS, "mercato.dlx").getDeclarables().stream()
                        .toList();

        assertThat(exchanges(declarables))
                .extracting(Exchange::getName, Exchange::getType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Exchanges.EVENTS, ExchangeTypes.TOPIC),
                        org.assertj.core.groups.Tuple.tuple(Exchanges.COMMANDS, ExchangeTypes.DIRECT),
                        org.assertj.core.groups.Tuple.tuple(Exchanges.DOCUMENTS, ExchangeTypes.HEADERS),
                        org.assertj.core.groups.Tuple.tuple(Exchanges.CATALOG_INVALIDATIONS, ExchangeTypes.FANOUT));
        assertThat(exchanges(declarables)).allMatch(Exchange::isDurable);
    }

    @Test
    void headersBindingsMatchAllHeaders() {
        List<Declarable> declarables = Topology.platform()
                .consume(Consumers.on("documents.invoices")
                        .bindHeaders(Exchanges.DOCUMENTS, Map.of("type", "invoice", "format", "pdf"))
                        .handle(envelope -> {}))
                .build()
                .declarables(DEFAULTS, "mercato.dlx")
                .getDeclarables()
                .stream()
                .toList();

        Binding binding = bindings(declarables).stream()
                .filter(b -> b.getExchange().equals(Exchanges.DOCUMENTS))
                .findFirst()
                .orElseThrow();
        assertThat(binding.getArguments())
                .containsEntry("x-match", "all")
                .containsEntry("type", "invoice")
                .containsEntry("format", "pdf");
    }

    @Test
    void aBroadcastGetsAnExclusiveAutoDeletedQueuePerInstance() {
        Topology topology = Topology.builder()
                .broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, envelope -> {}))
                .build();
        Topology other = Topology.builder()
                .broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, envelope -> {}))
                .build();

        Queue queue = topology.broadcasts().getFirst().queue();
        assertThat(queue.getName()).startsWith("mercato.catalog.invalidations.instance.");
        assertThat(queue.isExclusive()).isTrue();
        assertThat(queue.isAutoDelete()).isTrue();
        assertThat(queue.isDurable()).isFalse();
        assertThat(other.broadcasts().getFirst().queue().getName()).isNotEqualTo(queue.getName());
    }

    @Test
    void aSingleActiveConsumerIsAnArgumentOfTheWorkQueueOnly() {
        Topology topology = Topology.builder()
                .consume(Consumers.on("ordered").singleActiveConsumer().handle(envelope -> {}))
                .consume(Consumers.on("shared").handle(envelope -> {}))
                .build();

        List<Declarable> declarables = topology.declarables(DEFAULTS, "mercato.dlx").getDeclarables().stream()
                .toList();

        assertThat(queue(declarables, "ordered").getArguments()).containsEntry("x-single-active-consumer", true);
        assertThat(queue(declarables, "ordered.retry.1s").getArguments()).doesNotContainKey("x-single-active-consumer");
        assertThat(queue(declarables, "ordered.dlq").getArguments()).isEmpty();
        assertThat(queue(declarables, "shared").getArguments()).doesNotContainKey("x-single-active-consumer");
    }

    @Test
    void aQueueHasOneConsumer() {
        assertThatThrownBy(() -> Topology.builder()
                        .consume(Consumers.on("q").handle(envelope -> {}))
                        .consume(Consumers.on("q").handle(envelope -> {})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Consumers.on("amq.gen-1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Queue queue(List<Declarable> declarables, String name) {
        return declarables.stream()
                .filter(Queue.class::isInstance)
                .map(Queue.class::cast)
                .filter(queue -> queue.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + name));
    }

    private static List<Binding> bindings(List<Declarable> declarables) {
        return declarables.stream()
                .filter(Binding.class::isInstance)
                .map(Binding.class::cast)
                .toList();
    }

    private static List<Exchange> exchanges(List<Declarable> declarables) {
        return declarables.stream()
                .filter(Exchange.class::isInstance)
                .map(Exchange.class::cast)
                .toList();
    }
}
