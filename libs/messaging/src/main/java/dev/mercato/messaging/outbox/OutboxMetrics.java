package dev.mercato.messaging.outbox;

import dev.mercato.messaging.publish.ConfirmedPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relay counters and the outbox gauges. The gauges read a value refreshed on a schedule, not the database on every
 * scrape. Public for the library's wiring ({@code config}).
 */
public final class OutboxMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter confirmed;
    private final Counter scans;
    private final AtomicReference<OutboxRows.Backlog> backlog = new AtomicReference<>(new OutboxRows.Backlog(0, 0));

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder("mercato.messaging.outbox.published")
                .description("Outbox messages sent to the broker")
                .register(registry);
        this.confirmed = Counter.builder("mercato.messaging.outbox.confirmed")
                .description("Outbox messages confirmed by the broker and marked published")
                .register(registry);
        this.scans = Counter.builder("mercato.messaging.outbox.scans")
                .description("Relay passes that looked for partitions with unpublished messages")
                .register(registry);
        Gauge.builder(
                        "mercato.messaging.outbox.backlog",
                        backlog,
                        value -> value.get().count())
                .description("Unpublished outbox messages")
                .register(registry);
        Gauge.builder(
                        "mercato.messaging.outbox.oldest.age",
                        backlog,
                        value -> value.get().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox message")
                .baseUnit("seconds")
                .register(registry);
    }

    void scanned() {
        scans.increment();
    }

    void sent(int count) {
        published.increment(count);
    }

    void outcome(ConfirmedPublisher.Outcome outcome) {
        if (outcome.confirmed()) {
            confirmed.increment();
        } else if (outcome.status() != ConfirmedPublisher.Status.NOT_SENT) {
            Counter.builder("mercato.messaging.outbox.failed")
                    .description("Outbox publications nacked, returned, timed out or failed")
                    .tag("reason", outcome.status().name().toLowerCase())
                    .register(registry)
                    .increment();
        }
    }

    /** Published to an exchange where no queue was bound for it: nobody subscribes to this type yet. */
    void unrouted(String type) {
        Counter.builder("mercato.messaging.outbox.unrouted")
                .description("Outbox messages published with no subscriber bound for them")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    public void backlog(OutboxRows.Backlog current) {
        backlog.set(current);
    }
}
