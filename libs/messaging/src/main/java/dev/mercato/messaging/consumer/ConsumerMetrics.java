package dev.mercato.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer counters per queue, and queue depths refreshed on a schedule (not by the scrape). Public for the library's
 * wiring ({@code config}).
 */
public final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param outcome {@code processed} or {@code duplicate} */
    void consumed(String queue, String outcome) {
        Counter.builder("mercato.messaging.consumer.consumed")
                .description("Messages handled and acknowledged")
                .tag("queue", queue)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void retried(String queue) {
        Counter.builder("mercato.messaging.consumer.retried")
                .description("Failed messages sent to a delay queue for another attempt")
                .tag("queue", queue)
                .register(registry)
                .increment();
    }

    /** @param reason {@code exhausted}, {@code permanent} or {@code malformed} */
    void deadLettered(String queue, String reason) {
        Counter.builder("mercato.messaging.consumer.dead.lettered")
                .description("Messages parked in the dead-letter queue")
                .tag("queue", queue)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** @param kind {@code work} or {@code dead-letter} */
    public void depth(String queue, String kind, long messages) {
        depths.computeIfAbsent(queue, name -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("mercato.messaging.queue.depth", value, AtomicLong::get)
                            .description("Messages ready in the queue")
                            .tag("queue", name)
                            .tag("kind", kind)
                            .register(registry);
                    return value;
                })
                .set(messages);
    }
}
