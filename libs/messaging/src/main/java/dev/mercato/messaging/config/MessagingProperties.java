package dev.mercato.messaging.config;

import dev.mercato.messaging.consumer.ConsumerProperties;
import dev.mercato.messaging.topology.Exchanges;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.messaging.*}.
 *
 * @param deadLetterExchange direct exchange through which consumers park messages in their DLQs
 * @param consumer the defaults of every consumer ({@link ConsumerProperties})
 */
@ConfigurationProperties("mercato.messaging")
public record MessagingProperties(
        @DefaultValue(Exchanges.DEAD_LETTERS) String deadLetterExchange,
        @DefaultValue OutboxProperties outbox,
        @DefaultValue ConsumerProperties consumer,
        @DefaultValue InboxProperties inbox,
        @DefaultValue HousekeepingProperties housekeeping) {

    /**
     * @param relayEnabled whether this instance runs a relay (any number of instances may)
     * @param partitions partitions new messages are spread over by aggregate id; the relays publish each partition in
     *     order. Changing it is safe once the backlog is empty (an aggregate with messages in two partitions could
     *     see them reordered).
     * @param pollInterval how often the relay looks for due messages when no local commit wakes it, while it finds
     *     some
     * @param idleInterval the longest wait between polls once it finds none (the wait doubles up to it); local
     *     commits still wake it at once
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
            @DefaultValue("2s") Duration idleInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("4") int relayConcurrency,
            @DefaultValue("5s") Duration confirmTimeout,
            @DefaultValue("500ms") Duration retryInitial,
            @DefaultValue("1m") Duration retryMax,
            @DefaultValue("7d") Duration retention,
            @DefaultValue(Exchanges.EVENTS) Set<String> subscriberOptionalExchanges) {}

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
