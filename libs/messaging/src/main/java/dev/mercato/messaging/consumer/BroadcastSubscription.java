package dev.mercato.messaging.consumer;

import org.springframework.amqp.core.Queue;

/** A broadcast subscription with the per-instance queue it consumes (declared by the service's topology). */
public record BroadcastSubscription(BroadcastSpec spec, Queue queue) {}
