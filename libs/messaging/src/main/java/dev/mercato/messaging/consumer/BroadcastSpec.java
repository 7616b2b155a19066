package dev.mercato.messaging.consumer;

import java.util.Objects;

/**
 * A per-instance subscription to a fanout exchange (cache invalidation): every instance gets its own exclusive,
 * auto-deleted queue, so every instance sees every broadcast. No inbox and no retries: a broadcast handler must be
 * idempotent and cheap; one that fails is logged and the message dropped.
 */
public record BroadcastSpec(String exchange, MessageHandler handler) {

    public BroadcastSpec {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(handler, "handler");
    }
}
