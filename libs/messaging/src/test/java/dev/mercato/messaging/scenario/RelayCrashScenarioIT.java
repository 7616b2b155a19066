package dev.mercato.messaging.scenario;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.awaitility.Awaitility.await;

import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code broker-restart}, the relay's half of "killing the outbox relay or the broker loses no event": the relay, in
 * a JVM of its own, is killed -9 after the broker confirmed a batch and before the commit that marks it published
 * (its commits are slowed by 500 ms to make that window wide enough to hit). A second relay publishes the batch
 * again; the consumer's inbox absorbs the copies.
 */
class RelayCrashScenarioIT {

    static final int CHANGES = 1_000;

    final String exchange = unique("relaycrash");
    final String queue = unique("relaycrash.work");
    final String deadLetterExchange = unique("relaycrash.dlx");

    @Test
    void anOutboxRelayKilledMidPublishLosesNothingAndWhatItSendsTwiceTakesEffectOnce() {
        var evidence = new Evidence("broker-restart", "the outbox relay (its own JVM) is killed -9 mid-publish");
        try (var database = ScenarioDatabase.create("relaycrash");
                var broker = ScenarioBroker.shared()) {
            broker.deleteOnClose(ScenarioNode.topology(exchange, queue, 10, envelope -> {}), deadLetterExchange);
            ConfigurableApplicationContext service = ScenarioNode.start(node(database, broker));
            try {
                var writer = new StateChanges(service, exchange);
                for (int i = 0; i < CHANGES; i++) {
                    writer.write();
                }
                evidence.at(
                        "%d state changes committed (business row + outbox message each); the service runs no relay:"
                                + " %d outbox messages waiting",
                        CHANGES, database.unpublishedOutboxMessages());

                long sentTwice;
                try (var first = NodeProcess.start("relay-1", relay(database, broker, true))) {
                    first.awaitReady(Duration.ofSeconds(60));
                    String committing = first.awaitSignal(
                            line -> line.startsWith(ScenarioNode.COMMITTING) && published(line) >= CHANGES / 4,
                            Duration.ofSeconds(40));
                    int exit = first.kill();
                    long confirmed = published(committing);
                    long marked = CHANGES - database.unpublishedOutboxMessages();
                    sentTwice = confirmed - marked;
                    evidence.at(
                            "relay-1 (pid %d, batches of 50) killed -9 (exit %d) while committing: the broker had"
                                    + " confirmed %d messages, %d of them are not marked published in the outbox",
                            first.pid(), exit, confirmed, sentTwice);
                }
                try (var second = NodeProcess.start("relay-2", relay(database, broker, false))) {
                    second.awaitReady(Duration.ofSeconds(60));
                    evidence.at("relay-2 started");
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> database.unpublishedOutboxMessages() == 0
                                    && database.effects() >= CHANGES
                                    && broker.ready(queue) == 0);
                    ScenarioHandler.pause(Duration.ofMillis(500));
                }
                long duplicates = ScenarioNode.consumed(service, queue, "duplicate");
                long processed = ScenarioNode.consumed(service, queue, "processed");
                evidence.at(
                        "the consumer received %d messages: %d processed, %d duplicates (published twice) absorbed by"
                                + " its inbox",
                        processed + duplicates, processed, duplicates);
                evidence.invariant(
                        "what the killed relay had sent but not marked came twice and took effect once",
                        sentTwice > 0 && duplicates >= sentTwice,
                        duplicates + " duplicates delivered, " + sentTwice + " sent twice");
            } finally {
                service.close();
            }
            var check = database.check(database.stateChangeMessageIds());
            evidence.invariant(
                    "each of the " + CHANGES + " state changes was consumed exactly once",
                    check.exactlyOnce(),
                    check.toString());
            evidence.invariantEquals("no outbox message left unpublished", database.unpublishedOutboxMessages(), 0L);
            evidence.verdict();
        }
    }

    /** The service: a consumer, and an outbox without a relay. */
    private Map<String, String> node(ScenarioDatabase database, ScenarioBroker broker) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(database.nodeProperties());
        properties.putAll(broker.nodeProperties());
        properties.put("scenario.name", "service");
        properties.put("scenario.exchange", exchange);
        properties.put("scenario.queue", queue);
        properties.put("mercato.messaging.dead-letter-exchange", deadLetterExchange);
        properties.put("mercato.messaging.outbox.relay-enabled", "false");
        return properties;
    }

    /** A relay alone, over the service's outbox table. */
    private Map<String, String> relay(ScenarioDatabase database, ScenarioBroker broker, boolean slowCommits) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(database.nodeProperties());
        properties.putAll(broker.nodeProperties());
        properties.put("scenario.name", "relay");
        properties.put("scenario.exchange", exchange);
        properties.put("mercato.messaging.outbox.batch-size", "50");
        if (slowCommits) {
            properties.put("scenario.slow-commit", "500ms");
        }
        return properties;
    }

    private static long published(String committingLine) {
        return Long.parseLong(committingLine.substring(ScenarioNode.COMMITTING.length()));
    }
}
