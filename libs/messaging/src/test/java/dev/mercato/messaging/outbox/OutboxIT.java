package dev.mercato.messaging.outbox;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.MessagingTestApp;
import dev.mercato.messaging.config.HousekeepingTask;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox against the real PostgreSQL and RabbitMQ. The relay polls only every 5 s here, so a message that
 * arrives within a second proves the wake-up after commit.
 */
@IsolatedDatabase
@SpringBootTest(
        classes = {MessagingTestApp.class, OutboxIT.Config.class},
        properties = "mercato.messaging.outbox.poll-interval=5s")
class OutboxIT {

    static final String EVENTS = unique("events");
    static final String OUT = unique("out");
    static final String FULL = unique("full");
    /** Events nobody has to subscribe to (as the platform's mercato.events). */
    static final String NEWS = unique("news");

    @org.springframework.test.context.DynamicPropertySource
    static void subscriberOptional(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("mercato.messaging.outbox.subscriber-optional-exchanges", () -> NEWS);
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Config {
        @Bean
        Topology outboxTopology() {
            return Topology.builder()
                    .topic(EVENTS)
                    .topic(NEWS)
                    .declare(
                            new Queue(OUT),
                            new Binding(OUT, Binding.DestinationType.QUEUE, EVENTS, "order.*", null),
                            // the broker refuses (nacks) publications once this queue holds one message
                            QueueBuilder.durable(FULL)
                                    .maxLength(1)
                                    .overflow(QueueBuilder.Overflow.rejectPublish)
                                    .build(),
                            new Binding(FULL, Binding.DestinationType.QUEUE, EVENTS, "full.*", null))
                    .build();
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("mercatoOutboxGauges")
    HousekeepingTask gauges;

    @Autowired
    @Qualifier("mercatoOutboxCleanup")
    HousekeepingTask outboxCleanup;

    @Autowired
    @Qualifier("mercatoInboxCleanup")
    HousekeepingTask inboxCleanup;

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(event("order.placed", "o-1", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
        assertThat(jdbc.sql("select count(*) from messaging.outbox_message where aggregate_id = 'o-1'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void publishesWhatCommittedAndNothingOfWhatRolledBack() {
        String order = "order-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.append(event("order.placed", order, 1));
            status.setRollbackOnly();
        });
        UUID second = transactions.execute(status -> outbox.append(event("order.placed", order, 2)
                .correlatedWith("checkout-7", null)
                .withHeader("tenant", "eu")));
        UUID third = transactions.execute(status -> outbox.append(event("order.paid", order, 3)));

        Message first = await().atMost(Duration.ofSeconds(2)).until(() -> rabbit.receive(OUT), m -> m != null);
        Message next = await().atMost(Duration.ofSeconds(2)).until(() -> rabbit.receive(OUT), m -> m != null);

        assertThat(first.getMessageProperties().getMessageId()).isEqualTo(second.toString());
        assertThat(next.getMessageProperties().getMessageId()).isEqualTo(third.toString());
        assertThat(rabbit.receive(OUT))
                .as("nothing else, in particular not the rolled-back message")
                .isNull();
        var properties = first.getMessageProperties();
        assertThat(properties.getType()).isEqualTo("order.placed.v1");
        assertThat(properties.getCorrelationId()).isEqualTo("checkout-7");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getAppId()).isEqualTo("messaging-it");
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.<String>getHeader("tenant")).isEqualTo("eu");
        assertThat(JSON.readTree(new String(first.getBody(), StandardCharsets.UTF_8)))
                .isEqualTo(JSON.readTree("{\"orderId\":\"" + order + "\",\"n\":2}"));
        assertThat(jdbc.sql("select count(*) from messaging.outbox_message where aggregate_id = ?")
                        .param(order)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        await().untilAsserted(() -> assertThat(row(second).get("published_at")).isNotNull());
        assertThat(row(second)).containsEntry("attempts", 1);
    }

    @Test
    void anUnroutableMessageStaysUnpublishedAndHoldsBackItsAggregateUntilItCanBeRouted() {
        String order = "order-" + UUID.randomUUID();
        String other = "order-" + UUID.randomUUID();
        UUID unroutable = transactions.execute(
                status -> outbox.append(event("order.placed", order, 1).to(EVENTS, "late.1")));
        UUID heldBack = transactions.execute(
                status -> outbox.append(event("order.placed", order, 2).to(EVENTS, "late.2")));
        UUID unrelated = transactions.execute(status -> outbox.append(event("order.placed", other, 1)));

        await().untilAsserted(() ->
                assertThat((Integer) row(unroutable).get("attempts")).isGreaterThanOrEqualTo(2));
        assertThat(row(unroutable).get("published_at")).isNull();
        assertThat((String) row(unroutable).get("last_error")).contains("NO_ROUTE");
        assertThat(row(heldBack)).as("never tried before the one ahead of it").containsEntry("attempts", 0);
        Message delivered = await().until(() -> rabbit.receive(OUT), m -> m != null);
        assertThat(delivered.getMessageProperties().getMessageId()).isEqualTo(unrelated.toString());
        assertThat(meters.counter("mercato.messaging.outbox.failed", "reason", "returned")
                        .count())
                .isGreaterThanOrEqualTo(2);
        gauges.work().run();
        assertThat(meters.get("mercato.messaging.outbox.backlog").gauge().value())
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.get("mercato.messaging.outbox.oldest.age").gauge().value())
                .isGreaterThan(0);

        String late = unique("late");
        try {
            admin.declareQueue(new Queue(late));
            admin.declareBinding(BindingBuilder.bind(new Queue(late))
                    .to(new TopicExchange(EVENTS))
                    .with("late.*"));

            Message first = await().atMost(Duration.ofSeconds(3)).until(() -> rabbit.receive(late), m -> m != null);
            Message second = await().atMost(Duration.ofSeconds(3)).until(() -> rabbit.receive(late), m -> m != null);
            assertThat(List.of(
                            first.getMessageProperties().getMessageId(),
                            second.getMessageProperties().getMessageId()))
                    .containsExactly(unroutable.toString(), heldBack.toString());
            assertThat(row(unroutable).get("published_at")).isNotNull();
        } finally {
            admin.deleteQueue(late);
        }
    }

    @Test
    void anEventNobodySubscribesToIsPublishedAndCountedWhereSubscribersAreOptional() {
        String aggregate = "order-" + UUID.randomUUID();
        UUID unheard = transactions.execute(
                status -> outbox.append(event("order.noted", aggregate, 1).to(NEWS, "order.noted")));
        UUID next = transactions.execute(
                status -> outbox.append(event("order.noted", aggregate, 2).to(NEWS, "order.noted")));

        await().untilAsserted(() -> assertThat(row(next).get("published_at")).isNotNull());
        assertThat(row(unheard).get("published_at")).isNotNull();
        assertThat(row(unheard)).as("published on the first attempt").containsEntry("attempts", 1);
        assertThat(meters.counter("mercato.messaging.outbox.unrouted", "type", "order.noted")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aNackedMessageIsRetriedUntilTheBrokerTakesIt() {
        rabbit.convertAndSend(FULL, "filler");
        await().until(() -> admin.getQueueInfo(FULL).getMessageCount() == 1);
        UUID refused = transactions.execute(status -> outbox.append(
                event("full.order", "order-" + UUID.randomUUID(), 1).to(EVENTS, "full.x")));

        await().untilAsserted(() ->
                assertThat((String) row(refused).get("last_error")).contains("nack"));
        assertThat(row(refused).get("published_at")).isNull();

        admin.purgeQueue(FULL, false);

        await().untilAsserted(() -> assertThat(row(refused).get("published_at")).isNotNull());
        Message taken = rabbit.receive(FULL);
        assertThat(taken.getMessageProperties().getMessageId()).isEqualTo(refused.toString());
    }

    @Test
    void cleanupDeletesOldPublishedMessagesAndOldInboxRecordsOnly() {
        List<UUID> ids = new ArrayList<>();
        for (String publishedAt : List.of("now() - interval '8 days'", "now()", "null")) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            jdbc.sql("insert into messaging.outbox_message (message_id, exchange, routing_key, type, version,"
                            + " aggregate_type, aggregate_id, partition, payload, occurred_at, published_at,"
                            + " next_attempt_at, created_at) values (?, 'nowhere', 'x', 'test.kept', 1, 'test', ?, 0,"
                            + " '{}', now(), " + publishedAt + ", now() + interval '1 day', now() - interval '9 days')")
                    .params(id, id.toString())
                    .update();
        }
        UUID oldInbox = UUID.randomUUID();
        UUID recentInbox = UUID.randomUUID();
        jdbc.sql("insert into messaging.inbox_message values ('c', ?, now() - interval '8 days'), ('c', ?, now())")
                .params(oldInbox, recentInbox)
                .update();

        outboxCleanup.work().run();
        inboxCleanup.work().run();

        assertThat(jdbc.sql("select message_id from messaging.outbox_message where message_id in (?, ?, ?)")
                        .params(ids.get(0), ids.get(1), ids.get(2))
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(ids.get(1), ids.get(2));
        assertThat(jdbc.sql("select message_id from messaging.inbox_message where consumer = 'c'")
                        .query(UUID.class)
                        .list())
                .containsExactly(recentInbox);
    }

    static OutgoingMessage event(String type, String orderId, int n) {
        return OutgoingMessage.event(type, 1, "order", orderId, Map.of("orderId", orderId, "n", n))
                .to(EVENTS, type);
    }

    private Map<String, Object> row(UUID messageId) {
        return jdbc.sql("select attempts, published_at, last_error from messaging.outbox_message where message_id = ?")
                .param(messageId)
                .query()
                .singleRow();
    }
}
