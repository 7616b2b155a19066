package dev.mercato.messaging.outbox;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.MessagingTestApp;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Two relays over one outbox table: each message published once, each aggregate's messages in order. */
@IsolatedDatabase
@SpringBootTest(
        classes = {MessagingTestApp.class, OutboxRelayConcurrencyIT.Config.class},
        properties = {"mercato.messaging.outbox.poll-interval=20ms", "mercato.messaging.outbox.batch-size=25"})
class OutboxRelayConcurrencyIT {

    static final String EVENTS = unique("events");
    static final String OUT = unique("out");
    static final int AGGREGATES = 40;
    static final int PER_AGGREGATE = 25;

    @TestConfiguration
    static class Config {
        @Bean
        Topology relayTopology() {
            return Topology.builder()
                    .topic(EVENTS)
                    .declare(new Queue(OUT), new Binding(OUT, Binding.DestinationType.QUEUE, EVENTS, "cart.*", null))
                    .build();
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    OutboxRows rows;

    @Autowired
    OutboxMetrics metrics;

    @Autowired
    AmqpEnvelopes envelopes;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void twoRelaysPublishEveryMessageOnceAndEachAggregateInOrder() throws Exception {
        var second = new OutboxRelay(
                rows,
                new TransactionTemplate(transactionManager),
                new ConfirmedPublisher(connectionFactory),
                envelopes,
                metrics,
                new OutboxRelay.Settings(
                        Duration.ofMillis(20),
                        Duration.ofMillis(20),
                        25,
                        3,
                        Duration.ofSeconds(5),
                        Duration.ofMillis(100),
                        Duration.ofMillis(400),
                        "second-relay",
                        java.util.Set.of()));
        second.start();
        try {
            writeConcurrently();

            List<JsonNode> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Message message;
                while ((message = rabbit.receive(OUT)) != null) {
                    received.add(envelopes.fromMessage(message).payload());
                }
                return received.size() >= AGGREGATES * PER_AGGREGATE;
            });

            Set<String> seen = new HashSet<>();
            Map<String, Integer> lastPerAggregate = new HashMap<>();
            for (JsonNode payload : received) {
                String cart = payload.get("cart").asString();
                int n = payload.get("n").asInt();
                assertThat(seen.add(cart + "#" + n))
                        .as("published once: %s #%s", cart, n)
                        .isTrue();
                assertThat(n).as("in order for %s", cart).isGreaterThan(lastPerAggregate.getOrDefault(cart, -1));
                lastPerAggregate.put(cart, n);
            }
            assertThat(received).hasSize(AGGREGATES * PER_AGGREGATE);
            assertThat(rabbit.receive(OUT)).isNull();
            assertThat(jdbc.sql(
                                    "select count(*) from messaging.outbox_message where published_at is null or attempts <> 1")
                            .query(Long.class)
                            .single())
                    .as("every row published by exactly one publication")
                    .isZero();
            assertThat(relay.publishedCount() + second.publishedCount()).isEqualTo(AGGREGATES * PER_AGGREGATE);
            assertThat(relay.publishedCount()).as("first relay took partitions").isPositive();
            assertThat(second.publishedCount())
                    .as("second relay took partitions")
                    .isPositive();
        } finally {
            second.stop();
        }
    }

    /** Eight writers; each aggregate is written by one of them, in order, a few messages per transaction. */
    private void writeConcurrently() throws Exception {
        var transactions = new TransactionTemplate(transactionManager);
        try (var writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int n = 0; n < PER_AGGREGATE; n += 3) {
                        for (int a = writer; a < AGGREGATES; a += 8) {
                            String cart = "cart-" + a;
                            int from = n;
                            transactions.executeWithoutResult(status -> {
                                for (int k = from; k < Math.min(from + 3, PER_AGGREGATE); k++) {
                                    outbox.append(OutgoingMessage.event(
                                                    "cart.changed", 1, "cart", cart, Map.of("cart", cart, "n", k))
                                            .to(EVENTS, "cart.changed"));
                                }
                            });
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }
}
