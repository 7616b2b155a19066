package dev.mercato.messaging.scenario;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.MessagingTestApp;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageContext;
import dev.mercato.messaging.deadletter.DeadLetter;
import dev.mercato.messaging.deadletter.DeadLetterQueue;
import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.scenario.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code poison-message}: a message whose handler always fails is retried with growing delays through the delay
 * queues, then parked in the DLQ with its error, while the other messages of the same queue (one consumer thread)
 * keep completing; once the cause is fixed, {@link DeadLetters#replay} sends it back and it takes effect once.
 */
@IsolatedDatabase
@SpringBootTest(
        classes = {MessagingTestApp.class, PoisonMessageScenarioIT.Config.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PoisonMessageScenarioIT {

    static final String ORDERS = unique("poison.orders");
    static final int MAX_ATTEMPTS = 5;
    static final Duration INITIAL_DELAY = Duration.ofMillis(200);
    static final double JITTER = 0.1;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void deadLetterExchange(DynamicPropertyRegistry registry) {
        registry.add("mercato.messaging.dead-letter-exchange", () -> unique("poison.dlx"));
    }

    /** When each delivery reached the handler, and whether the cause of the poison message is fixed. */
    static final class Probe {
        final Map<String, Queue<Long>> deliveries = new ConcurrentHashMap<>();
        final Map<String, Long> completed = new ConcurrentHashMap<>();
        final AtomicBoolean fixed = new AtomicBoolean();

        List<Long> attemptsOf(UUID id) {
            return List.copyOf(deliveries.getOrDefault(id.toString(), new ConcurrentLinkedQueue<>()));
        }
    }

    @TestConfiguration
    static class Config {

        @Bean
        Probe probe() {
            return new Probe();
        }

        @Bean
        Topology poisonTopology(Probe probe, JdbcClient jdbc) {
            jdbc.sql("create table order_priced (message_id uuid not null, attempt int not null)")
                    .update();
            return Topology.builder()
                    .consume(Consumers.on(ORDERS)
                            .concurrency(1)
                            .maxAttempts(MAX_ATTEMPTS)
                            .backoff(INITIAL_DELAY, 2.0, Duration.ofSeconds(2))
                            .jitter(JITTER)
                            .handle(envelope -> {
                                String id = envelope.messageId().toString();
                                probe.deliveries
                                        .computeIfAbsent(id, key -> new ConcurrentLinkedQueue<>())
                                        .add(System.nanoTime());
                                if (envelope.payload().path("price").asString().equals("abc") && !probe.fixed.get()) {
                                    throw new IllegalStateException("price 'abc' of SKU-13 is not a number");
                                }
                                jdbc.sql("insert into order_priced values (?, ?)")
                                        .params(
                                                envelope.messageId(),
                                                MessageContext.current()
                                                        .orElseThrow()
                                                        .attempt())
                                        .update();
                                probe.completed.putIfAbsent(id, System.nanoTime());
                            }))
                    .build();
        }
    }

    @Autowired
    Probe probe;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPoisonMessageIsRetriedThenParkedWhileTheQueueKeepsFlowingAndIsReplayedOnceFixed() throws Exception {
        var evidence = new Evidence("poison-message", "a message that always fails, among messages that do not");
        long begin = System.nanoTime();
        Envelope poison = order("abc");
        send(poison);
        evidence.at("sent poison message %s to %s (its handler fails: price 'abc')", poison.messageId(), ORDERS);
        evidence.line(
                "retry policy: %d attempts, delays %d ms doubling (capped at 2 s), each shortened by up to %.0f %% jitter",
                MAX_ATTEMPTS, INITIAL_DELAY.toMillis(), JITTER * 100);

        // Good messages on the same queue, every 50 ms, for as long as the poison message is being retried.
        Map<UUID, Long> goodSent = new ConcurrentHashMap<>();
        while (dlqDepth() == 0
                && System.nanoTime() - begin < Duration.ofSeconds(20).toNanos()) {
            Envelope good = order("12.50");
            goodSent.put(good.messageId(), System.nanoTime());
            send(good);
            Thread.sleep(50);
        }
        long parkedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> goodSent.keySet().stream().allMatch(id -> probe.completed.containsKey(id.toString())));

        List<Long> attempts = probe.attemptsOf(poison.messageId());
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(millis(attempts.get(i) - attempts.get(i - 1)));
        }
        evidence.at(
                "poison message: %d attempts, gaps between them %s ms, parked in %s.dlq %.1f s after it was sent",
                attempts.size(), gaps, ORDERS, millis(parkedAt - begin) / 1000.0);
        long firstAttempt = attempts.getFirst();
        long lastAttempt = attempts.getLast();
        long duringRetries = goodSent.keySet().stream()
                .map(id -> probe.completed.get(id.toString()))
                .filter(done -> done > firstAttempt && done < lastAttempt)
                .count();
        long slowest = goodSent.entrySet().stream()
                .mapToLong(sent -> millis(probe.completed.get(sent.getKey().toString()) - sent.getValue()))
                .max()
                .orElse(0);
        evidence.at(
                "other messages: %d sent while it was retried, %d completed between its first and last attempt,"
                        + " slowest took %d ms from send to effect",
                goodSent.size(), duringRetries, slowest);

        DeadLetter parked = deadLetters.peek(ORDERS, 10).getFirst();
        evidence.line(
                "DLQ head: message %s, type %s, %d attempts, failed at %s, from %s, error: %s",
                parked.messageId(),
                parked.type(),
                parked.attempts(),
                parked.failedAt(),
                parked.originalQueue(),
                parked.error());

        probe.fixed.set(true);
        evidence.at("cause fixed (the handler now reads the price); replaying %s", poison.messageId());
        boolean replayed = deadLetters.replay(ORDERS, poison.messageId().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(poison.messageId()) >= 1);
        Thread.sleep(500); // a second effect, if there were one, would show by now
        List<Long> afterReplay = probe.attemptsOf(poison.messageId())
                .subList(attempts.size(), probe.attemptsOf(poison.messageId()).size());
        Integer attemptOfEffect = jdbc.sql("select attempt from order_priced where message_id = ?")
                .param(poison.messageId())
                .query(Integer.class)
                .list()
                .getFirst();
        evidence.at(
                "replayed: %s; it took effect on delivery attempt %d after the replay; DLQ depth now %d",
                replayed, attemptOfEffect, dlqDepth());

        evidence.invariantEquals(
                "the poison message was tried exactly " + MAX_ATTEMPTS + " times", attempts.size(), MAX_ATTEMPTS);
        evidence.invariant("the delays between attempts grow (backoff)", growing(gaps), gaps + " ms");
        evidence.invariant(
                "each delay is at least its level's delay less the jitter",
                gaps.size() == MAX_ATTEMPTS - 1 && atLeastNominal(gaps),
                gaps + " ms for nominal 200, 400, 800, 1600 ms");
        evidence.invariant(
                "it was parked with its error and attempt count",
                parked.messageId().equals(poison.messageId().toString())
                        && parked.attempts() == MAX_ATTEMPTS
                        && parked.error().contains("price 'abc' of SKU-13 is not a number")
                        && ORDERS.equals(parked.originalQueue()),
                parked.attempts() + " attempts, " + parked.error());
        evidence.invariant(
                "the queue kept flowing: other messages completed while it was being retried",
                duringRetries >= 10 && slowest < 2_000,
                duringRetries + " completed during its retries, slowest " + slowest + " ms");
        evidence.invariantEquals(
                "every other message took effect exactly once",
                goodSent.keySet().stream().filter(id -> effects(id) == 1).count(),
                (long) goodSent.size());
        evidence.invariant(
                "after the fix the replay delivered it and it took effect once",
                replayed && effects(poison.messageId()) == 1 && afterReplay.size() == 1 && attemptOfEffect == 1,
                effects(poison.messageId()) + " effect, " + afterReplay.size() + " delivery after the replay");
        evidence.invariantEquals("nothing left in the DLQ", dlqDepth(), 0L);
        evidence.verdict();
    }

    private static boolean growing(List<Long> gaps) {
        for (int i = 1; i < gaps.size(); i++) {
            if (gaps.get(i) <= gaps.get(i - 1)) {
                return false;
            }
        }
        return gaps.size() > 1;
    }

    private static boolean atLeastNominal(List<Long> gaps) {
        long nominal = INITIAL_DELAY.toMillis();
        for (long gap : gaps) {
            if (gap < nominal * (1 - JITTER) - 5) {
                return false;
            }
            nominal = Math.min(nominal * 2, 2_000);
        }
        return true;
    }

    private Envelope order(String price) {
        UUID id = UUID.randomUUID();
        return new Envelope(
                id,
                "order.priced",
                1,
                Instant.now(),
                null,
                null,
                null,
                JSON.valueToTree(Map.of("order", id.toString(), "sku", "SKU-13", "price", price)));
    }

    private void send(Envelope envelope) {
        rabbit.send("", ORDERS, envelopes.toMessage(envelope));
    }

    private long effects(UUID messageId) {
        return jdbc.sql("select count(*) from order_priced where message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }

    private long dlqDepth() {
        return deadLetters.list().stream()
                .filter(dlq -> dlq.queue().equals(ORDERS))
                .mapToLong(DeadLetterQueue::depth)
                .sum();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
