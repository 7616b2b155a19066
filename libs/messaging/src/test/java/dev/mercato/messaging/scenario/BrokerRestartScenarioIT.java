package dev.mercato.messaging.scenario;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.outbox.OutboxRelay;
import dev.mercato.testsupport.rabbitmq.PrivateRabbit;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code broker-restart}, on a RabbitMQ node of the test's own ({@link PrivateRabbit}; the shared broker is never
 * touched): a service writes state changes through its outbox and consumes them while the broker is restarted, then
 * killed, and while it is stopped. Nothing is restarted but the broker, and every state change written is consumed
 * exactly once. The other half of "killing the relay or the broker loses no event" is {@link RelayCrashScenarioIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerRestartScenarioIT {

    static PrivateRabbit rabbit;

    final String exchange = unique("restart");
    final String queue = unique("restart.work");
    final String deadLetterExchange = unique("restart.dlx");

    @BeforeAll
    static void startBroker() {
        rabbit = PrivateRabbit.start();
    }

    @AfterAll
    static void closeBroker() {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    @Order(1)
    void producersAndConsumersRideOutABrokerRestartAndAKillAndEveryChangeIsConsumedOnce() {
        var evidence =
                new Evidence("broker-restart", "steady outbox traffic while the broker is restarted, then killed -9");
        try (var database = ScenarioDatabase.create("brokerrestart");
                var broker = ScenarioBroker.of(rabbit)) {
            ConfigurableApplicationContext service = ScenarioNode.start(node(database, broker, true));
            try (var changes = new StateChanges(service, exchange).steadily(Duration.ofMillis(20))) {
                evidence.at(
                        "service running on RabbitMQ node %s (port %d): outbox relay + consumer of %s; writing a"
                                + " state change (business row + outbox message, one transaction) every 20 ms",
                        rabbit.nodeName(), rabbit.port(), queue);
                await().atMost(Duration.ofSeconds(20)).until(() -> database.effects() >= 50);
                evidence.at("traffic flows: %d written, %d consumed", changes.written(), database.effects());

                outage(evidence, database, broker, service, changes, "graceful restart", rabbit::restart);
                outage(evidence, database, broker, service, changes, "kill -9, then start", () -> {
                    rabbit.kill();
                    ScenarioHandler.pause(Duration.ofSeconds(1));
                    rabbit.startAgain();
                });
                ScenarioHandler.pause(Duration.ofSeconds(1));
            }
            long written = database.stateChanges();
            evidence.at("writes stopped: %d state changes written in all", written);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> database.effects() >= written && database.unpublishedOutboxMessages() == 0);
            evidence.at(
                    "all consumed; the same relay instance published %d messages; the consumer received %d"
                            + " duplicate(s), absorbed by its inbox",
                    service.getBean(OutboxRelay.class).publishedCount(),
                    ScenarioNode.consumed(service, queue, "duplicate"));
            ScenarioHandler.pause(Duration.ofMillis(500));
            service.close();

            var check = database.check(database.stateChangeMessageIds());
            evidence.invariant(
                    "every state change written was consumed exactly once (effects == writes)",
                    check.exactlyOnce(),
                    check.toString());
            evidence.invariantEquals("no outbox message left unpublished", database.unpublishedOutboxMessages(), 0L);
            evidence.verdict();
        }
    }

    @Test
    @Order(2)
    void stateChangesWrittenWhileTheBrokerIsDownAreAllConsumedOnceItIsBack() {
        int changes = 300;
        var evidence = new Evidence("broker-restart", "state changes written while the broker is stopped");
        try (var database = ScenarioDatabase.create("brokerdown");
                var broker = ScenarioBroker.of(rabbit)) {
            ConfigurableApplicationContext service = ScenarioNode.start(node(database, broker, true));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers(queue) == 1);
                rabbit.stop();
                evidence.at("broker stopped (node %s)", rabbit.nodeName());
                var writer = new StateChanges(service, exchange);
                for (int i = 0; i < changes; i++) {
                    writer.write();
                }
                long unpublished = database.unpublishedOutboxMessages();
                long effectsWhileDown = database.effects();
                evidence.at(
                        "%d state changes committed while the broker is down: %d outbox messages waiting, %d consumed",
                        database.stateChanges(), unpublished, effectsWhileDown);
                rabbit.startAgain();
                long restarted = System.nanoTime();
                evidence.at("broker started again");
                await().atMost(Duration.ofSeconds(40)).until(() -> database.effects() >= changes);
                evidence.at(
                        "all %d consumed %d ms after the broker was back (relay backoff + consumer recovery)",
                        changes, (System.nanoTime() - restarted) / 1_000_000);
                ScenarioHandler.pause(Duration.ofMillis(500));
                evidence.invariant(
                        "while the broker was down every change waited in the outbox",
                        unpublished == changes && effectsWhileDown == 0,
                        unpublished + " waiting, " + effectsWhileDown + " consumed");
            } finally {
                service.close();
            }
            var check = database.check(database.stateChangeMessageIds());
            evidence.invariant(
                    "each of the " + changes + " changes was consumed exactly once",
                    check.exactlyOnce(),
                    check.toString());
            evidence.invariantEquals("no outbox message left unpublished", database.unpublishedOutboxMessages(), 0L);
            evidence.verdict();
        }
    }

    /**
     * Runs an outage while the writes go on, then watches the recovery: when the relay publishes again, when the
     * consumer is attached again, when consumption resumes and when everything written until the broker was back has
     * been consumed.
     */
    private void outage(
            Evidence evidence,
            ScenarioDatabase database,
            ScenarioBroker broker,
            ConfigurableApplicationContext service,
            StateChanges changes,
            String what,
            Runnable outage) {
        OutboxRelay relay = service.getBean(OutboxRelay.class);
        long writtenBefore = changes.written();
        long started = System.nanoTime();
        outage.run();
        long back = System.nanoTime();
        long writtenUntilBack = changes.written();
        long publishedAtBack = relay.publishedCount();
        long consumedAtBack = database.effects();
        evidence.at(
                "broker %s: down and back in %d ms; meanwhile %d state changes written (outbox), %d consumed in all",
                what, (back - started) / 1_000_000, writtenUntilBack - writtenBefore, consumedAtBack);
        long[] relayed = {0};
        long[] attached = {0};
        long[] consuming = {0};
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = System.nanoTime();
                    if (relayed[0] == 0 && relay.publishedCount() > publishedAtBack) {
                        relayed[0] = now;
                    }
                    if (attached[0] == 0 && consumersOrZero(broker) == 1) {
                        attached[0] = now;
                    }
                    if (consuming[0] == 0 && database.effects() > consumedAtBack) {
                        consuming[0] = now;
                    }
                    return relayed[0] != 0 && attached[0] != 0 && database.effects() >= writtenUntilBack;
                });
        long caughtUp = System.nanoTime();
        evidence.at(
                "recovered, nothing restarted: after the broker was back, the relay published again in %d ms, the"
                        + " consumer was attached again in %d ms and consuming in %d ms; the outage's backlog was"
                        + " consumed in %d ms",
                (relayed[0] - back) / 1_000_000,
                (attached[0] - back) / 1_000_000,
                (consuming[0] - back) / 1_000_000,
                (caughtUp - back) / 1_000_000);
    }

    private int consumersOrZero(ScenarioBroker broker) {
        try {
            return broker.consumers(queue);
        } catch (RuntimeException brokerNotReachableYet) {
            return 0;
        }
    }

    private Map<String, String> node(ScenarioDatabase database, ScenarioBroker broker, boolean relay) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(database.nodeProperties());
        properties.putAll(broker.nodeProperties());
        properties.put("scenario.name", "service");
        properties.put("scenario.exchange", exchange);
        properties.put("scenario.queue", queue);
        properties.put("mercato.messaging.dead-letter-exchange", deadLetterExchange);
        properties.put("mercato.messaging.outbox.relay-enabled", String.valueOf(relay));
        return properties;
    }
}
