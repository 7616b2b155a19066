package dev.mercato.messaging.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.consumer.RetryPolicy;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topologies;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.rabbitmq.PrivateRabbit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario's own view of a broker (the shared one or a {@link PrivateRabbit}): publishes test messages with
 * confirms, reads queue depths and consumer counts, and deletes the topologies the scenario used when it closes.
 */
final class ScenarioBroker implements AutoCloseable {

    /** Any policy will do: the scenario topologies set every retry setting themselves. */
    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofMillis(400), 0.1);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> nodeProperties;
    private final CachingConnectionFactory connections;
    private final RabbitAdmin admin;
    private final ConfirmedPublisher publisher;
    private final AmqpEnvelopes envelopes = new AmqpEnvelopes(JSON);
    private final List<Declarables> owned = new ArrayList<>();

    private record Declarables(Topology topology, String deadLetterExchange) {}

    private ScenarioBroker(String host, int port, String user, String password, String vhost) {
        this.nodeProperties = Map.of(
                "spring.rabbitmq.host", host,
                "spring.rabbitmq.port", String.valueOf(port),
                "spring.rabbitmq.username", user,
                "spring.rabbitmq.password", password,
                "spring.rabbitmq.virtual-host", vhost);
        this.connections = new CachingConnectionFactory(host, port);
        connections.setUsername(user);
        connections.setPassword(password);
        connections.setVirtualHost(vhost);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        this.admin = new RabbitAdmin(connections);
        this.publisher = new ConfirmedPublisher(connections);
    }

    /** The shared local broker, addressed as the services address it. */
    static ScenarioBroker shared() {
        return new ScenarioBroker(
                env("MERCATO_RABBIT_HOST", "localhost"),
                Integer.parseInt(env("MERCATO_RABBIT_PORT", "5672")),
                env("MERCATO_RABBIT_USER", "guest"),
                env("MERCATO_RABBIT_PASSWORD", "guest"),
                env("MERCATO_RABBIT_VHOST", "/"));
    }

    static ScenarioBroker of(PrivateRabbit rabbit) {
        return new ScenarioBroker(rabbit.host(), rabbit.port(), "guest", "guest", "/");
    }

    /** Where a {@link ScenarioNode} finds this broker. */
    Map<String, String> nodeProperties() {
        return nodeProperties;
    }

    /** Declares a topology now (before any consumer runs) and deletes it on close. */
    void declare(Topology topology, String deadLetterExchange) {
        deleteOnClose(topology, deadLetterExchange);
        for (Declarable declarable : declarables(topology, deadLetterExchange)) {
            switch (declarable) {
                case Queue queue -> admin.declareQueue(queue);
                case Exchange exchange -> admin.declareExchange(exchange);
                case org.springframework.amqp.core.Binding binding -> admin.declareBinding(binding);
                default -> throw new IllegalArgumentException("Cannot declare " + declarable);
            }
        }
    }

    /** The queues and exchanges of a topology that nodes declare, to be deleted on close. */
    void deleteOnClose(Topology topology, String deadLetterExchange) {
        owned.add(new Declarables(topology, deadLetterExchange));
    }

    /** Publishes {@code count} persistent messages with publisher confirms and returns their ids, in order. */
    List<UUID> publish(String exchange, String routingKey, int count) {
        List<UUID> ids = new ArrayList<>(count);
        for (int from = 0; from < count; from += 200) {
            List<ConfirmedPublisher.Outgoing> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 200); i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("n", i + 1);
                payload.put("id", id.toString());
                Envelope envelope =
                        new Envelope(id, "scenario.job", 1, Instant.now(), null, null, null, JSON.valueToTree(payload));
                batch.add(new ConfirmedPublisher.Outgoing(exchange, routingKey, envelopes.toMessage(envelope)));
            }
            assertThat(publisher.publishAll(batch, Duration.ofSeconds(10)))
                    .as("every message confirmed and routed by the broker")
                    .allMatch(ConfirmedPublisher.Outcome::confirmed);
        }
        return ids;
    }

    /** Messages ready in the queue (not the ones delivered and unacknowledged). */
    long ready(String queue) {
        return info(queue).getMessageCount();
    }

    int consumers(String queue) {
        return info(queue).getConsumerCount();
    }

    private QueueInformation info(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        if (info == null) {
            throw new IllegalStateException("No queue " + queue);
        }
        return info;
    }

    @Override
    public void close() {
        try {
            for (Declarables declarables : owned) {
                for (Declarable declarable : declarables(declarables.topology(), declarables.deadLetterExchange())) {
                    if (declarable instanceof Queue queue) {
                        admin.deleteQueue(queue.getName());
                    } else if (declarable instanceof Exchange exchange
                            && exchange.getName().startsWith("it.")) {
                        admin.deleteExchange(exchange.getName());
                    }
                }
            }
        } finally {
            connections.destroy();
        }
    }

    private static List<Declarable> declarables(Topology topology, String deadLetterExchange) {
        return new Topologies(List.of(topology))
                .declarables(DEFAULTS, deadLetterExchange).getDeclarables().stream()
                        .toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
