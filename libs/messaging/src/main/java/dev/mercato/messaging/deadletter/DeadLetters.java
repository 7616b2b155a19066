package dev.mercato.messaging.deadletter;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.mercato.messaging.consumer.MessageHeaders;
import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topologies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Operations on the dead-letter queues of this service's consumers: list them, look at their messages without taking
 * them, send them back to their work queue (with the attempt counter reset) once the cause is fixed, or drop them.
 * Queues are named by the consumer's work queue.
 */
public final class DeadLetters {

    private static final String[] DIAGNOSTIC_HEADERS = {
        MessageHeaders.ATTEMPT,
        MessageHeaders.ERROR,
        MessageHeaders.ERROR_CLASS,
        MessageHeaders.FAILED_AT,
        MessageHeaders.ORIGINAL_QUEUE
    };

    private final RabbitTemplate channels;
    private final ConfirmedPublisher publisher;
    private final Topologies topologies;
    private final Duration confirmTimeout;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    public DeadLetters(
            ConnectionFactory connectionFactory,
            ConfirmedPublisher publisher,
            Topologies topologies,
            Duration confirmTimeout) {
        this.channels = new RabbitTemplate(connectionFactory);
        this.publisher = publisher;
        this.topologies = topologies;
        this.confirmTimeout = confirmTimeout;
    }

    /** The DLQs of this service's consumers, with how many messages each holds. */
    public List<DeadLetterQueue> list() {
        return topologies.consumers().stream()
                .map(consumer -> new DeadLetterQueue(
                        consumer.queue(),
                        QueueNames.deadLetter(consumer.queue()),
                        depth(QueueNames.deadLetter(consumer.queue()))))
                .toList();
    }

    /**
     * Up to {@code limit} messages from the head of the consumer's DLQ; they stay in the queue, in order as far as the
     * broker puts a requeued message back at its place (RabbitMQ: "if possible").
     */
    public List<DeadLetter> peek(String queue, int limit) {
        String dlq = deadLetterQueueOf(queue);
        return channels.execute(channel -> {
            List<DeadLetter> letters = new ArrayList<>();
            long lastTag = -1;
            try {
                while (letters.size() < limit) {
                    GetResponse response = channel.basicGet(dlq, false);
                    if (response == null) {
                        break;
                    }
                    lastTag = response.getEnvelope().getDeliveryTag();
                    letters.add(DeadLetter.of(message(response)));
                }
            } finally {
                requeueUpTo(channel, dlq, lastTag);
            }
            return letters;
        });
    }

    /**
     * Sends every message in the DLQ back to the work queue; returns how many. A replayed message that fails again
     * and is parked while this runs is left for the next replay.
     */
    public int replayAll(String queue) {
        String dlq = deadLetterQueueOf(queue);
        Instant started = Instant.now();
        return Objects.requireNonNull(channels.execute(channel -> {
            long cap = 2L * channel.queueDeclarePassive(dlq).getMessageCount() + 1000;
            int replayed = 0;
            while (replayed < cap) {
                GetResponse response = channel.basicGet(dlq, false);
                if (response == null) {
                    break;
                }
                Instant failedAt = DeadLetter.of(message(response)).failedAt();
                if (failedAt != null && failedAt.isAfter(started)) {
                    channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
                    break;
                }
                sendBack(channel, queue, response);
                replayed++;
            }
            return replayed;
        }));
    }

    /** Sends one message, by message id, back to the work queue; false when it is not in the DLQ. */
    public boolean replay(String queue, String messageId) {
        return take(queue, messageId, true);
    }

    /** Drops one message, by message id, from the DLQ; false when it is not there. */
    public boolean discard(String queue, String messageId) {
        return take(queue, messageId, false);
    }

    /** Drops every message in the consumer's DLQ; returns how many. */
    public int purge(String queue) {
        String dlq = deadLetterQueueOf(queue);
        return Objects.requireNonNull(
                channels.execute(channel -> channel.queuePurge(dlq).getMessageCount()));
    }

    private boolean take(String queue, String messageId, boolean replay) {
        String dlq = deadLetterQueueOf(queue);
        return Boolean.TRUE.equals(channels.execute(channel -> {
            long lastSkipped = -1;
            try {
                // The messages skipped stay unacknowledged on this channel, so the scan ends at the queue's end.
                while (true) {
                    GetResponse response = channel.basicGet(dlq, false);
                    if (response == null) {
                        return false;
                    }
                    if (messageId.equals(response.getProps().getMessageId())) {
                        if (replay) {
                            sendBack(channel, queue, response);
                        } else {
                            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                        }
                        return true;
                    }
                    lastSkipped = response.getEnvelope().getDeliveryTag();
                }
            } finally {
                requeueUpTo(channel, dlq, lastSkipped);
            }
        }));
    }

    /** Republishes to the work queue with a confirm, then removes it from the DLQ. */
    private void sendBack(Channel channel, String queue, GetResponse response) throws IOException {
        long tag = response.getEnvelope().getDeliveryTag();
        Message copy = MessageHeaders.copy(message(response), properties -> {
            for (String header : DIAGNOSTIC_HEADERS) {
                properties.getHeaders().remove(header);
            }
        });
        var outcome = publisher.publish("", queue, copy, confirmTimeout);
        if (!outcome.confirmed()) {
            channel.basicNack(tag, false, true);
            throw new IllegalStateException("Could not replay message "
                    + copy.getMessageProperties().getMessageId() + " to " + queue + ": " + outcome.error());
        }
        channel.basicAck(tag, false);
    }

    private long depth(String dlq) {
        return Objects.requireNonNull(channels.execute(
                channel -> (long) channel.queueDeclarePassive(dlq).getMessageCount()));
    }

    private Message message(GetResponse response) {
        var properties = converter.toMessageProperties(
                response.getProps(), response.getEnvelope(), StandardCharsets.UTF_8.name());
        return new Message(response.getBody(), properties);
    }

    /**
     * Puts the messages taken for a look back at their place. The passive declaration after the nack is a round trip
     * through the queue behind the requeue, so when this returns the messages are back for every channel.
     */
    private static void requeueUpTo(Channel channel, String dlq, long lastTag) throws IOException {
        if (lastTag >= 0 && channel.isOpen()) {
            channel.basicNack(lastTag, true, true);
            channel.queueDeclarePassive(dlq);
        }
    }

    private String deadLetterQueueOf(String queue) {
        return topologies
                .consumer(queue)
                .map(consumer -> QueueNames.deadLetter(consumer.queue()))
                .orElseThrow(
                        () -> new IllegalArgumentException("No consumer of queue '" + queue + "' in this service"));
    }
}
