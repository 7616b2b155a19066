package dev.mercato.messaging.deadletter;

/**
 * A consumer's dead-letter queue.
 *
 * @param queue the consumer's work queue
 * @param deadLetterQueue its DLQ
 * @param depth messages parked in it
 */
public record DeadLetterQueue(String queue, String deadLetterQueue, long depth) {}
