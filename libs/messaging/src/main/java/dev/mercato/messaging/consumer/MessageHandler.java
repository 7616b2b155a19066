package dev.mercato.messaging.consumer;

import dev.mercato.messaging.envelope.Envelope;

/**
 * The effect of one message. It runs inside a database transaction together with the inbox record, so it should do
 * its work through the service's {@code DataSource} (JdbcClient, Spring Data JDBC, ...): then a duplicate delivery
 * has no second effect, and a failure leaves no half-done work behind. Throw to have the message retried, or
 * {@link PermanentMessageFailure} when retrying cannot help.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(Envelope envelope) throws Exception;
}
