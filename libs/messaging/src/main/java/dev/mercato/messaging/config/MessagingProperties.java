package dev.mercato.messaging.config;

import dev.mercato.messaging.consumer.RetryPolicy;
import dev.mercato.messaging.topology.Exchanges;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.messaging.*}.
 *
 * @param deadLetterExchange direct exchange through which consumers park messages in their DLQs
 */
@ConfigurationProperties("mercato.messaging")
public record MessagingProperties(
        @DefaultValue("mercato.dlx") String deadLetterExchange,
        @DefaultValue OutboxProperties outbox,
        @DefaultValue ConsumerProperties consumer,
        @DefaultValue InboxProperties inbox,
        @DefaultValue HousekeepingProperties housekeeping) {

    /**
     * @param relayEnabled whether this instance runs a relay (any number of instances may)
     * @param partitions partitions new messages are spread over by aggregate id; the relays publish each partition in
     *     order. Changing it is safe once the backlog is empty (an aggregate with messages in two partitions could
     *     see them reordered).
     * @param pollInterval how often the relay looks for due messages when no local commit wakes it
     * @param batchSize messages per partition per relay transaction
     * @param relayConcurrency partitions a relay publishes at once, each in its own transaction (and database
     *     connection), so that the broker's confirm round trips overlap
     * @param confirmTimeout how long the relay waits for the broker's confirms
     * @param retryInitial delay before republishing a message the broker did not take (doubles per attempt)
     * @param retryMax cap of that delay
     * @param retention how long published messages are kept (for inspection) before they are deleted
     * @param subscriberOptionalExchanges exchanges whose messages count as published when no queue is bound for them
     *     (events nobody subscribes to yet: publish-subscribe does not need a subscriber); on any other exchange an
     *     unroutable message means a broken topology, so it stays in the outbox and is retried
     */
    public record OutboxProperties(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("16") int partitions,
            @DefaultValue("50ms") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("4") int relayConcurrency,
            @DefaultValue("5s") Duration confirmTimeout,
            @DefaultValue("500ms") Duration retryInitial,
            @DefaultValue("1m") Duration retryMax,
            @DefaultValue("7d") Duration retention,
            @DefaultValue(Exchanges.EVENTS) java.util.Set<String> subscriberOptionalExchanges) {}

    /**
     * Defaults of every consumer; each may override them in its declaration.
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

    /** @param retention how long processed message ids are remembered (longer than any redelivery can take) */
    public record InboxProperties(@DefaultValue("7d") Duration retention) {}

    /**
     * @param cleanupInterval how often old inbox records and published outbox messages are deleted
     * @param metricsInterval how often the outbox backlog and queue depths behind the gauges are read
     */
    public record HousekeepingProperties(
            @DefaultValue("1h") Duration cleanupInterval,
            @DefaultValue("15s") Duration metricsInterval) {}
}
