package dev.mercato.messaging.consumer;

import java.time.Duration;

/**
 * Names derived from a consumer's work queue. A delay queue is named after its delay ({@code orders.retry.500ms},
 * {@code orders.retry.2s}) rather than its level: changing a consumer's backoff then declares new delay queues
 * instead of redeclaring an existing one with a different TTL, which RabbitMQ refuses (PRECONDITION_FAILED), and
 * levels capped at the same delay share one queue.
 */
public final class QueueNames {

    private QueueNames() {}

    public static String deadLetter(String queue) {
        return queue + ".dlq";
    }

    public static String retry(String queue, Duration delay) {
        return queue + ".retry." + format(delay);
    }

    public static String format(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
