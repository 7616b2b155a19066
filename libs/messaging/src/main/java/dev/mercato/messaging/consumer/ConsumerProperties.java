package dev.mercato.messaging.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.messaging.consumer.*}: the defaults of every consumer; each may override them in its declaration.
 *
 * @param prefetch unacknowledged messages per consumer thread
 * @param concurrency competing consumer threads per queue in this instance
 * @param maxAttempts deliveries before a message is parked in the DLQ
 * @param initialDelay delay after the first failure
 * @param multiplier growth of the delay per further failure
 * @param maxDelay cap of the delay
 * @param jitter fraction by which a retry's delay is randomly shortened
 * @param confirmTimeout how long to wait for the broker to confirm a message sent to a delay queue or DLQ
 */
public record ConsumerProperties(
        @DefaultValue("20") int prefetch,
        @DefaultValue("1") int concurrency,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration initialDelay,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("5s") Duration confirmTimeout) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
    }
}
