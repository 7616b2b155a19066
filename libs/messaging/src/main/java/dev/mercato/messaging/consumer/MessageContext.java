package dev.mercato.messaging.consumer;

import dev.mercato.messaging.envelope.Envelope;
import java.util.Optional;

/**
 * The message being handled on this thread, if any: lets the outbox set the correlation and causation ids of the
 * messages a handler sends, and lets a handler see which delivery attempt it is in.
 *
 * @param queue the consumer's work queue
 * @param envelope the message
 * @param attempt delivery attempt, from 1
 */
public record MessageContext(String queue, Envelope envelope, int attempt) {

    static final ScopedValue<MessageContext> CURRENT = ScopedValue.newInstance();

    public static Optional<MessageContext> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }
}
