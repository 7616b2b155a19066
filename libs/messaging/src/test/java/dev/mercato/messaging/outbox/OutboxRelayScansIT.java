package dev.mercato.messaging.outbox;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.MessagingTestApp;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the relay costs the database per message under a steady trickle of commits, with the services' poll settings
 * (50 ms while polls find messages, backing off to 2 s): each commit wakes the relay, which scans once and publishes,
 * and then does not scan again a poll interval later to find nothing.
 */
@IsolatedDatabase
@SpringBootTest(classes = {MessagingTestApp.class, OutboxRelayScansIT.Config.class})
class OutboxRelayScansIT {

    static final String EVENTS = unique("events");
    static final String OUT = unique("out");
    static final int COMMITS = 15;
    static final Duration BETWEEN_COMMITS = Duration.ofMillis(200);

    @TestConfiguration
    static class Config {
        @Bean
        Topology scansTopology() {
            return Topology.builder()
                    .topic(EVENTS)
                    .declare(new Queue(OUT), new Binding(OUT, Binding.DestinationType.QUEUE, EVENTS, "order.*", null))
                    .build();
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCommitCostsOneScanNotOnePerPollInterval() throws InterruptedException {
        double before = scans();
        AtomicInteger received = new AtomicInteger();

        for (int n = 0; n < COMMITS; n++) {
            int sequence = n;
            transactions.executeWithoutResult(status -> outbox.append(
                    OutgoingMessage.event("order.placed", 1, "order", "o-" + sequence, Map.of("n", sequence))
                            .to(EVENTS, "order.placed")));
            Thread.sleep(BETWEEN_COMMITS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            while (rabbit.receive(OUT) != null) {
                received.incrementAndGet();
            }
            return received.get() == COMMITS;
        });
        double scans = scans() - before;

        // One scan per commit, plus the backing-off polls of ~3 s (50, 100, ... ms when the context has just started).
        // Re-polling 50 and 150 ms after each publication would make it about three per commit.
        assertThat(scans)
                .as("relay scans for %d commits %d ms apart", COMMITS, BETWEEN_COMMITS.toMillis())
                .isBetween((double) COMMITS, COMMITS + 8.0);
    }

    private double scans() {
        return meters.get("mercato.messaging.outbox.scans").counter().count();
    }
}
