package dev.mercato.messaging.scenario;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.awaitility.Awaitility.await;

import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code consumer-crash}: a consumer in a JVM of its own is killed (kill -9) while it holds unacknowledged messages,
 * one of them with its effect already committed; the broker redelivers them to a second consumer, and every message
 * ends with exactly one effect.
 */
class ConsumerCrashScenarioIT {

    static final int MESSAGES = 100;
    static final int PREFETCH = 10;
    static final int STALL_AT = 20;
    static final Duration WORK = Duration.ofMillis(40);

    final String exchange = unique("crash");
    final String queue = unique("crash.work");
    final String deadLetterExchange = unique("crash.dlx");

    @Test
    void aConsumerKilledWhileHoldingUnacknowledgedMessagesLosesNoneAndNoneTakesEffectTwice() {
        var evidence = new Evidence(
                "consumer-crash", "a consumer is killed -9 holding unacknowledged messages; a second one takes over");
        try (var database = ScenarioDatabase.create("consumercrash");
                var broker = ScenarioBroker.shared()) {
            broker.deleteOnClose(ScenarioNode.topology(exchange, queue, PREFETCH, envelope -> {}), deadLetterExchange);

            List<UUID> sent;
            long committedByFirst;
            long requeued;
            String stalled;
            try (var first = NodeProcess.start("consumer-a", node(database, broker, "consumer-a", STALL_AT))) {
                first.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers(queue) == 1);
                sent = broker.publish(exchange, "scenario.job", MESSAGES);
                evidence.at(
                        "sent %d persistent messages to %s; consumer A is JVM pid %d: prefetch %d, %d ms of work per"
                                + " message, effect = a row in PostgreSQL, committed with the inbox record before the ack",
                        MESSAGES, queue, first.pid(), PREFETCH, WORK.toMillis());

                stalled = first.awaitSignal(line -> line.startsWith(ScenarioNode.STALLED), Duration.ofSeconds(30))
                        .substring(ScenarioNode.STALLED.length());
                committedByFirst = database.effectsBy("consumer-a");
                long ready = broker.ready(queue);
                long acknowledged = committedByFirst - 1;
                long unacknowledged = MESSAGES - ready - acknowledged;
                evidence.at(
                        "consumer A committed %d effects; the last, message #%d (%s), is committed but its ack held"
                                + " back",
                        committedByFirst, sent.indexOf(UUID.fromString(stalled)) + 1, stalled);
                evidence.at(
                        "broker before the kill: %d ready, %d acknowledged, %d delivered to A and unacknowledged",
                        ready, acknowledged, unacknowledged);

                int exit = first.kill();
                evidence.at("kill -9 consumer A (pid %d, exit status %d)", first.pid(), exit);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> broker.consumers(queue) == 0 && broker.ready(queue) >= MESSAGES - acknowledged);
                requeued = broker.ready(queue);
                evidence.at(
                        "broker after the kill: no consumer, %d ready (the %d unacknowledged ones are back)",
                        requeued, requeued - ready);
                evidence.invariant(
                        "A held more than one unacknowledged message when it died",
                        unacknowledged > 1,
                        unacknowledged + " unacknowledged");
            }

            long duplicates;
            ConfigurableApplicationContext second = ScenarioNode.start(node(database, broker, "consumer-b", 0));
            try {
                evidence.at("consumer B started (same queue, a new connection)");
                await().atMost(Duration.ofSeconds(40))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> database.effects() >= MESSAGES && broker.ready(queue) == 0);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> ScenarioNode.consumed(second, queue, "processed")
                                        + ScenarioNode.consumed(second, queue, "duplicate")
                                >= requeued);
                evidence.at(
                        "consumer B received %d messages: %d processed, %d already processed (inbox: no second effect)",
                        ScenarioNode.consumed(second, queue, "processed")
                                + ScenarioNode.consumed(second, queue, "duplicate"),
                        ScenarioNode.consumed(second, queue, "processed"),
                        ScenarioNode.consumed(second, queue, "duplicate"));
                duplicates = ScenarioNode.consumed(second, queue, "duplicate");
            } finally {
                second.close();
            }

            var check = database.check(sent);
            evidence.line(
                    "effects: %d by A, %d by B; %s",
                    database.effectsBy("consumer-a"), database.effectsBy("consumer-b"), check);
            evidence.invariant(
                    "every message has exactly one effect, none lost", check.exactlyOnce(), check.toString());
            evidence.invariantEquals(
                    "the message committed by A but not acknowledged kept its single effect",
                    database.jdbc()
                            .sql("select count(*) from scenario_effect where message_id = ?")
                            .param(UUID.fromString(stalled))
                            .query(Long.class)
                            .single(),
                    1L);
            evidence.invariant(
                    "B received it again and its inbox absorbed it",
                    duplicates >= 1,
                    duplicates + " duplicate(s) absorbed, " + database.inboxRecords(queue) + " inbox records for "
                            + MESSAGES + " messages");
            evidence.invariantEquals(
                    "B took over every message A had not acknowledged", database.effectsBy("consumer-b"), requeued - 1);
            evidence.verdict();
        }
    }

    private Map<String, String> node(ScenarioDatabase database, ScenarioBroker broker, String name, int stallAfter) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(database.nodeProperties());
        properties.putAll(broker.nodeProperties());
        properties.put("scenario.name", name);
        properties.put("scenario.exchange", exchange);
        properties.put("scenario.queue", queue);
        properties.put("scenario.prefetch", String.valueOf(PREFETCH));
        properties.put("scenario.work", WORK.toMillis() + "ms");
        properties.put("scenario.stall-after", String.valueOf(stallAfter));
        properties.put("mercato.messaging.dead-letter-exchange", deadLetterExchange);
        properties.put("mercato.messaging.outbox.relay-enabled", "false");
        return properties;
    }
}
