package dev.mercato.bench.messaging;

import java.time.Duration;
import java.time.Instant;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets the relay publish the backlog fill left, with publisher confirms and mandatory routing, and no consumer
 * competing for the CPU. The rate comes from the rows' own published_at stamps (set after each confirm), and the
 * queue depth afterwards shows every message reached the queue.
 */
@Component
class RelayPhase implements Phase {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final BenchSettings settings;
    private final BenchMessages messages;
    private final JdbcClient jdbc;
    private final AmqpAdmin admin;

    RelayPhase(BenchSettings settings, BenchMessages messages, JdbcClient jdbc, AmqpAdmin admin) {
        this.settings = settings;
        this.messages = messages;
        this.jdbc = jdbc;
        this.admin = admin;
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public void run() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (messages.unpublished() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The relay did not publish the backlog within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
        Span all = span(0);
        // The relay runs for days in a service; the first seconds here are mostly the JIT compiling it.
        Span warm = span(all.published() / 5);
        var queue = admin.getQueueInfo(settings.queue());
        Report.line(
                "relay: published %,d messages with confirms in %.2f s = %,.0f msg/s; after the first %,d: %,.0f msg/s;"
                        + " queue %s holds %,d",
                all.published(),
                all.seconds(),
                all.rate(),
                all.published() - warm.published(),
                warm.rate(),
                settings.queue(),
                queue == null ? -1 : queue.getMessageCount());
    }

    /** The published messages after the first skip ones, in the order they were confirmed. */
    private Span span(long skip) {
        return jdbc.sql("""
                        select count(*) as published, min(published_at) as first, max(published_at) as last
                        from (select published_at from messaging.outbox_message where type = ?
                              order by published_at offset ?) later
                        """)
                .param(BenchSettings.TYPE)
                .param(skip)
                .query((rs, row) -> new Span(
                        rs.getLong("published"),
                        rs.getTimestamp("first").toInstant(),
                        rs.getTimestamp("last").toInstant()))
                .single();
    }

    private record Span(long published, Instant first, Instant last) {

        double seconds() {
            return Duration.between(first, last).toNanos() / 1e9;
        }

        double rate() {
            return published / seconds();
        }
    }
}
