package dev.mercato.messaging.scenario;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static org.awaitility.Awaitility.await;

import dev.mercato.testsupport.scenario.Evidence;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code backlog}: 1,200 messages wait in a queue with no consumer; two competing consumers drain it with fair
 * dispatch (prefetch 10 each), the queue depth is watched while they do, a third consumer joins and the drain rate
 * goes up; every message has exactly one effect. The handler's work is I/O-like (it waits 25 ms), so what limits
 * throughput is the number of consumers, not this machine's two cores.
 */
class BacklogScenarioIT {

    static final int MESSAGES = 1_200;
    static final int PREFETCH = 10;
    static final Duration WORK = Duration.ofMillis(25);
    static final Duration BEFORE_THIRD = Duration.ofSeconds(5);
    static final Duration RATE_WINDOW = Duration.ofSeconds(3);

    final String exchange = unique("backlog");
    final String queue = unique("backlog.work");
    final String deadLetterExchange = unique("backlog.dlx");

    @Test
    void twoConsumersShareABacklogFairlyAThirdDrainsItFasterAndEachMessageTakesEffectOnce() throws Exception {
        var evidence =
                new Evidence("backlog", MESSAGES + " messages queued with no consumer, then 2 consumers, then 3");
        List<ConfigurableApplicationContext> consumers = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (var database = ScenarioDatabase.create("backlog");
                var broker = ScenarioBroker.shared()) {
            broker.declare(ScenarioNode.topology(exchange, queue, PREFETCH, envelope -> {}), deadLetterExchange);
            List<UUID> sent = broker.publish(exchange, "scenario.job", MESSAGES);
            evidence.at(
                    "published %d persistent messages with no consumer running: depth %d, consumers %d",
                    MESSAGES, broker.ready(queue), broker.consumers(queue));

            // Both start held at the gate, so neither gets a head start while the other boots.
            consumers.add(ScenarioNode.start(node(database, broker, "consumer-1", true)));
            consumers.add(ScenarioNode.start(node(database, broker, "consumer-2", true)));
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers(queue) == 2);
            MeterRegistry meters = consumers.getFirst().getBean(MeterRegistry.class);
            Instant twoStarted = database.now();
            consumers.forEach(node -> node.getBean(ScenarioHandler.class).open());
            evidence.at(
                    "consumers 1 and 2 attached (prefetch %d each, %d ms of work per message); draining",
                    PREFETCH, WORK.toMillis());

            List<Long> gaugeSamples = new ArrayList<>();
            sampler.scheduleAtFixedRate(
                    () -> {
                        long depth = broker.ready(queue);
                        double gauge = depthGauge(meters);
                        synchronized (gaugeSamples) {
                            gaugeSamples.add((long) gauge);
                        }
                        evidence.at(
                                "depth %4d ready (metric mercato.messaging.queue.depth: %4.0f), consumers %d, done %4d",
                                depth, gauge, broker.consumers(queue), database.effects());
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);

            Thread.sleep(BEFORE_THIRD);
            Instant thirdStarting = database.now();
            consumers.add(ScenarioNode.start(node(database, broker, "consumer-3", false)));
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.consumers(queue) == 3);
            Instant threeAttached = database.now();
            evidence.at("consumer 3 attached");
            Thread.sleep(RATE_WINDOW.plusMillis(500));

            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> database.effects() >= MESSAGES);
            Instant drained = database.now();
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            evidence.at("drained: depth %d, done %d", broker.ready(queue), database.effects());

            Map<String, Long> withTwo = database.effectsBetween(twoStarted, thirdStarting);
            Instant windowStart = threeAttached.plusMillis(500);
            Map<String, Long> withThree = database.effectsBetween(windowStart, windowStart.plus(RATE_WINDOW));
            Instant steadyTwo = twoStarted.plusSeconds(1);
            double rateTwo =
                    total(database.effectsBetween(steadyTwo, thirdStarting)) / seconds(steadyTwo, thirdStarting);
            double rateThree = total(withThree) / seconds(windowStart, windowStart.plus(RATE_WINDOW));
            evidence.line("with 2 consumers: %s", shares(withTwo));
            evidence.line("with 3 consumers (%d s window): %s", RATE_WINDOW.toSeconds(), shares(withThree));
            evidence.line(
                    "drain rate: %.0f msg/s with 2 consumers, %.0f msg/s with 3 (x%.2f); whole backlog in %.1f s",
                    rateTwo, rateThree, rateThree / rateTwo, seconds(twoStarted, drained));

            var check = database.check(sent);
            evidence.invariant(
                    "every message has exactly one effect, none lost", check.exactlyOnce(), check.toString());
            long first = withTwo.getOrDefault("consumer-1", 0L);
            long second = withTwo.getOrDefault("consumer-2", 0L);
            evidence.invariant(
                    "fair dispatch: each of the two consumers did at least 40 % of the work while they were two",
                    Math.min(first, second) >= 0.4 * (first + second),
                    "consumer-1 " + first + ", consumer-2 " + second);
            evidence.invariant(
                    "the third consumer took a share",
                    withThree.getOrDefault("consumer-3", 0L) >= 0.2 * total(withThree),
                    "consumer-3 " + withThree.getOrDefault("consumer-3", 0L) + " of " + total(withThree));
            evidence.invariant(
                    "adding a consumer drains faster (at least x1.25)",
                    rateThree >= 1.25 * rateTwo,
                    "%.0f -> %.0f msg/s".formatted(rateTwo, rateThree));
            long highest;
            synchronized (gaugeSamples) {
                highest = gaugeSamples.stream().mapToLong(Long::longValue).max().orElse(0);
            }
            evidence.invariant(
                    "the depth was visible as a metric while draining",
                    highest >= MESSAGES / 2,
                    "highest sample " + highest);
            for (ConfigurableApplicationContext node : consumers) {
                node.close();
            }
            consumers.clear();
            evidence.verdict();
        } finally {
            sampler.shutdownNow();
            consumers.forEach(ConfigurableApplicationContext::close);
        }
    }

    private Map<String, String> node(ScenarioDatabase database, ScenarioBroker broker, String name, boolean gated) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(database.nodeProperties());
        properties.putAll(broker.nodeProperties());
        properties.put("scenario.name", name);
        properties.put("scenario.exchange", exchange);
        properties.put("scenario.queue", queue);
        properties.put("scenario.prefetch", String.valueOf(PREFETCH));
        properties.put("scenario.work", WORK.toMillis() + "ms");
        properties.put("scenario.gated", String.valueOf(gated));
        properties.put("mercato.messaging.dead-letter-exchange", deadLetterExchange);
        properties.put("mercato.messaging.outbox.relay-enabled", "false");
        return properties;
    }

    private double depthGauge(MeterRegistry meters) {
        Gauge gauge = meters.find("mercato.messaging.queue.depth")
                .tags("queue", queue, "kind", "work")
                .gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String shares(Map<String, Long> counts) {
        long total = total(counts);
        var text = new StringBuilder();
        counts.forEach((consumer, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append("%s %d (%.0f %%)".formatted(consumer, count, 100.0 * count / Math.max(1, total))));
        return text.toString();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
