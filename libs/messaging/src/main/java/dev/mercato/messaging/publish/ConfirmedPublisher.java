package dev.mercato.messaging.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes with publisher confirms and {@code mandatory}, and says for each message whether the broker took
 * responsibility for it: confirmed and routed to at least one queue. A nack, a return (unroutable), a confirm that
 * does not arrive in time, or a failed send is reported, never swallowed.
 */
public final class ConfirmedPublisher {

    private final RabbitTemplate template;

    public ConfirmedPublisher(ConnectionFactory connectionFactory) {
        if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
            throw new IllegalStateException("Mercato messaging needs publisher confirms and returns: set "
                    + "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true");
        }
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(true);
        // Returns are read from each message's CorrelationData; this only tells the template they are expected.
        this.template.setReturnsCallback(returned -> {});
        // A publisher blocked by the broker's flow control must not block this service's consumers.
        this.template.setUsePublisherConnection(true);
    }

    public record Outgoing(String exchange, String routingKey, Message message) {}

    public enum Status {
        CONFIRMED,
        NACKED,
        RETURNED,
        TIMED_OUT,
        FAILED,
        NOT_SENT
    }

    public record Outcome(Status status, String error) {

        static final Outcome CONFIRMED = new Outcome(Status.CONFIRMED, null);
        static final Outcome NOT_SENT = new Outcome(Status.NOT_SENT, "not sent");

        public boolean confirmed() {
            return status == Status.CONFIRMED;
        }
    }

    public Outcome publish(String exchange, String routingKey, Message message, Duration timeout) {
        return publishAll(List.of(new Outgoing(exchange, routingKey, message)), timeout)
                .getFirst();
    }

    /**
     * Sends the messages in order on one channel, then waits for all their confirms until the timeout. When a send
     * fails (connection lost), that message is {@code FAILED} and the ones after it {@code NOT_SENT}.
     */
    public List<Outcome> publishAll(List<Outgoing> messages, Duration timeout) {
        Outcome[] outcomes = new Outcome[messages.size()];
        Arrays.fill(outcomes, Outcome.NOT_SENT);
        List<CorrelationData> sent = new ArrayList<>(messages.size());
        try {
            template.invoke(operations -> {
                for (Outgoing outgoing : messages) {
                    CorrelationData correlation =
                            new CorrelationData(UUID.randomUUID().toString());
                    operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                    sent.add(correlation);
                }
                awaitConfirms(sent, outcomes, timeout);
                return null;
            });
        } catch (AmqpException e) {
            if (sent.size() < outcomes.length) {
                outcomes[sent.size()] = new Outcome(Status.FAILED, "send failed: " + describe(e));
            }
            awaitConfirms(sent, outcomes, timeout);
        }
        return List.of(outcomes);
    }

    private static void awaitConfirms(List<CorrelationData> sent, Outcome[] outcomes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            if (outcomes[i] == Outcome.NOT_SENT) {
                outcomes[i] = await(sent.get(i), deadline);
            }
        }
    }

    private static Outcome await(CorrelationData correlation, long deadline) {
        try {
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            ReturnedMessage returned = correlation.getReturned();
            if (returned != null) {
                return new Outcome(
                        Status.RETURNED,
                        "returned by the broker: " + returned.getReplyCode() + " " + returned.getReplyText()
                                + " (exchange '" + returned.getExchange() + "', routing key '"
                                + returned.getRoutingKey() + "')");
            }
            if (!confirm.ack()) {
                return new Outcome(Status.NACKED, "nacked by the broker: " + confirm.reason());
            }
            return Outcome.CONFIRMED;
        } catch (TimeoutException e) {
            return new Outcome(Status.TIMED_OUT, "no publisher confirm in time");
        } catch (ExecutionException e) {
            return new Outcome(Status.FAILED, "confirm failed: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Status.TIMED_OUT, "interrupted while waiting for the publisher confirm");
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
