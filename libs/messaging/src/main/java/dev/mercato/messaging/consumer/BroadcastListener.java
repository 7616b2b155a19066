package dev.mercato.messaging.consumer;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/** Hands broadcasts to their handler; a failure is logged and the message dropped (see {@link BroadcastSpec}). */
final class BroadcastListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(BroadcastListener.class);

    private final BroadcastSpec spec;
    private final String queue;
    private final AmqpEnvelopes envelopes;

    BroadcastListener(BroadcastSpec spec, String queue, AmqpEnvelopes envelopes) {
        this.spec = spec;
        this.queue = queue;
        this.envelopes = envelopes;
    }

    @Override
    public void onMessage(Message message) {
        try {
            Envelope envelope = envelopes.fromMessage(message);
            ScopedValue.where(MessageContext.CURRENT, new MessageContext(queue, envelope, 1))
                    .call(() -> {
                        spec.handler().handle(envelope);
                        return null;
                    });
        } catch (Exception e) {
            log.warn(
                    "Broadcast {} from {} dropped: {}",
                    message.getMessageProperties().getMessageId(),
                    spec.exchange(),
                    MessageHeaders.describe(e));
            throw new AmqpRejectAndDontRequeueException("broadcast handler failed", e);
        }
    }
}
