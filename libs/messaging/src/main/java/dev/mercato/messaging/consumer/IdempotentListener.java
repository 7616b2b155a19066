package dev.mercato.messaging.consumer;

import com.rabbitmq.client.Channel;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.envelope.MalformedMessageException;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a consumer's handler exactly once per message id: the inbox record and the handler's effect commit in one
 * database transaction, and the delivery is acknowledged only after that commit. A handler whose effect leaves the
 * process ({@link ConsumerSpec.Builder#outsideTransaction()}) runs between an inbox check and an inbox record instead,
 * holding no transaction, and makes a repeated run harmless itself. A failed message is not retried
 * here (no sleeping in the consumer): it is republished, with a publisher confirm, to a delay queue that hands it back
 * later, or to the dead-letter queue, and only then acknowledged.
 */
final class IdempotentListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(IdempotentListener.class);

    private final String queue;
    private final boolean inTransaction;
    private final MessageHandler handler;
    private final RetryPolicy policy;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final AmqpEnvelopes envelopes;
    private final ConfirmedPublisher publisher;
    private final String deadLetterExchange;
    private final Duration confirmTimeout;
    private final ConsumerMetrics metrics;
    private final RandomGenerator random = RandomGenerator.getDefault();

    IdempotentListener(
            ConsumerSpec spec,
            RetryPolicy policy,
            Inbox inbox,
            TransactionTemplate transactions,
            AmqpEnvelopes envelopes,
            ConfirmedPublisher publisher,
            String deadLetterExchange,
            Duration confirmTimeout,
            ConsumerMetrics metrics) {
        this.queue = spec.queue();
        this.inTransaction = spec.inTransaction();
        this.handler = spec.handler();
        this.policy = policy;
        this.inbox = inbox;
        this.transactions = transactions;
        this.envelopes = envelopes;
        this.publisher = publisher;
        this.deadLetterExchange = deadLetterExchange;
        this.confirmTimeout = confirmTimeout;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(Message message, Channel channel) {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            process(message, channel, tag);
        } catch (Throwable unexpected) {
            // Never leave a delivery unacknowledged: the broker dead-letters a rejected one to the DLQ.
            log.error("Consumer of {} failed unexpectedly on message {}", queue, message, unexpected);
            reject(channel, tag, false);
        }
    }

    private void process(Message message, Channel channel, long tag) throws IOException {
        int attempt = MessageHeaders.attempt(message);
        Envelope envelope;
        try {
            envelope = envelopes.fromMessage(message);
        } catch (MalformedMessageException e) {
            park(message, channel, tag, attempt, e, "malformed");
            return;
        }
        Boolean processed = null;
        Throwable failure = null;
        try {
            processed = inTransaction ? inOneTransaction(envelope, attempt) : outsideTransaction(envelope, attempt);
        } catch (HandlerFailure e) {
            failure = e.getCause();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        if (failure == null) {
            channel.basicAck(tag, false);
            metrics.consumed(queue, Boolean.TRUE.equals(processed) ? "processed" : "duplicate");
            return;
        }
        if (isPermanent(failure)) {
            park(message, channel, tag, attempt, failure, "permanent");
        } else if (policy.exhaustedAfter(attempt)) {
            park(message, channel, tag, attempt, failure, "exhausted");
        } else {
            retry(message, channel, tag, attempt, failure);
        }
    }

    private Boolean inOneTransaction(Envelope envelope, int attempt) {
        return transactions.execute(status -> {
            if (!inbox.record(queue, envelope.messageId())) {
                return false;
            }
            runHandler(envelope, attempt);
            return true;
        });
    }

    private Boolean outsideTransaction(Envelope envelope, int attempt) {
        if (inbox.contains(queue, envelope.messageId())) {
            return false;
        }
        runHandler(envelope, attempt);
        transactions.executeWithoutResult(status -> inbox.record(queue, envelope.messageId()));
        return true;
    }

    private void runHandler(Envelope envelope, int attempt) {
        try {
            ScopedValue.where(MessageContext.CURRENT, new MessageContext(queue, envelope, attempt))
                    .call(() -> {
                        handler.handle(envelope);
                        return null;
                    });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }

    private void retry(Message message, Channel channel, long tag, int attempt, Throwable failure) throws IOException {
        Duration delay = policy.delayAfter(attempt);
        Message copy = MessageHeaders.copy(message, properties -> {
            properties.setHeader(MessageHeaders.ATTEMPT, attempt + 1);
            properties.setHeader(MessageHeaders.ERROR, MessageHeaders.describe(failure));
            properties.setExpiration(Long.toString(policy.expirationMillis(attempt, random)));
        });
        var outcome = publisher.publish("", QueueNames.retry(queue, delay), copy, confirmTimeout);
        if (outcome.confirmed()) {
            channel.basicAck(tag, false);
            metrics.retried(queue);
            log.info(
                    "Message {} failed in {} (attempt {} of {}), retrying in about {} ms: {}",
                    message.getMessageProperties().getMessageId(),
                    queue,
                    attempt,
                    policy.maxAttempts(),
                    delay.toMillis(),
                    MessageHeaders.describe(failure));
        } else {
            handOffFailed(channel, tag, outcome);
        }
    }

    private void park(Message message, Channel channel, long tag, int attempt, Throwable failure, String reason)
            throws IOException {
        Message copy = MessageHeaders.copy(message, properties -> {
            properties.setHeader(MessageHeaders.ATTEMPT, attempt);
            properties.setHeader(MessageHeaders.ERROR, MessageHeaders.describe(failure));
            properties.setHeader(MessageHeaders.ERROR_CLASS, failure.getClass().getName());
            properties.setHeader(MessageHeaders.FAILED_AT, Instant.now().toString());
            properties.setHeader(MessageHeaders.ORIGINAL_QUEUE, queue);
        });
        var outcome = publisher.publish(deadLetterExchange, queue, copy, confirmTimeout);
        if (outcome.confirmed()) {
            channel.basicAck(tag, false);
            metrics.deadLettered(queue, reason);
            log.warn(
                    "Message {} ({}) parked in {} after {} attempt(s) ({}): {}",
                    message.getMessageProperties().getMessageId(),
                    message.getMessageProperties().getType(),
                    QueueNames.deadLetter(queue),
                    attempt,
                    reason,
                    MessageHeaders.describe(failure));
        } else {
            // Rejected without requeue, the broker dead-letters it to the same DLQ (without our headers).
            log.warn("Could not park message in {}: {}", QueueNames.deadLetter(queue), outcome.error());
            reject(channel, tag, false);
            metrics.deadLettered(queue, reason);
        }
    }

    /**
     * The delay queue did not take the message. Unroutable means the topology is broken: let the broker dead-letter
     * it. Otherwise the broker is in trouble: requeue, the message will be delivered again.
     */
    private void handOffFailed(Channel channel, long tag, ConfirmedPublisher.Outcome outcome) {
        log.warn("Could not send a failed message of {} to its delay queue: {}", queue, outcome.error());
        reject(channel, tag, outcome.status() != ConfirmedPublisher.Status.RETURNED);
    }

    private void reject(Channel channel, long tag, boolean requeue) {
        try {
            channel.basicNack(tag, false, requeue);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not reject delivery {} on {}; the broker redelivers it", tag, queue, e);
        }
    }

    private static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentMessageFailure) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Carries a checked exception of the handler out of the transaction callback. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }
}
