package dev.mercato.messaging.consumer;

/**
 * Entry point for declaring consumers:
 *
 * <pre>{@code
 * Consumers.on("search.product-events")
 *         .bind(Exchanges.EVENTS, "product.*")
 *         .maxAttempts(5)
 *         .handle(envelope -> index.apply(envelope));
 * }</pre>
 */
public final class Consumers {

    private Consumers() {}

    /** An idempotent consumer of a durable work queue (created with its delay queues and dead-letter queue). */
    public static ConsumerSpec.Builder on(String queue) {
        return new ConsumerSpec.Builder(queue);
    }

    /** A per-instance subscription to a fanout exchange. */
    public static BroadcastSpec broadcast(String fanoutExchange, MessageHandler handler) {
        return new BroadcastSpec(fanoutExchange, handler);
    }
}
