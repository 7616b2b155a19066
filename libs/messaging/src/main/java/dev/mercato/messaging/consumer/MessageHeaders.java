package dev.mercato.messaging.consumer;

import java.util.Map;
import java.util.function.Consumer;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** The headers the library adds on the retry and dead-letter paths, and copying a received message to resend it. */
public final class MessageHeaders {

    /** Delivery attempt of the message, from 1; absent on a first delivery. */
    public static final String ATTEMPT = "x-mercato-attempt";
    /** Class and message of the last failure, truncated. */
    public static final String ERROR = "x-mercato-error";

    public static final String ERROR_CLASS = "x-mercato-error-class";
    /** When the message was parked in the dead-letter queue (ISO-8601). */
    public static final String FAILED_AT = "x-mercato-failed-at";
    /** The work queue the message failed in. */
    public static final String ORIGINAL_QUEUE = "x-mercato-original-queue";

    static final int MAX_ERROR_LENGTH = 1000;

    private MessageHeaders() {}

    public static int attempt(Message message) {
        Object value = message.getMessageProperties().getHeader(ATTEMPT);
        if (value instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(1, Integer.parseInt(value.toString()));
            } catch (NumberFormatException ignored) {
                return 1;
            }
        }
        return 1;
    }

    public static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    /**
     * A copy of a received message to publish again: the publisher-side properties and headers, persistent, without
     * an expiration and without the broker's dead-lettering headers ({@code x-death}, ...).
     */
    public static Message copy(Message received, Consumer<MessageProperties> changes) {
        MessageProperties source = received.getMessageProperties();
        MessageProperties target = new MessageProperties();
        target.setMessageId(source.getMessageId());
        target.setType(source.getType());
        target.setTimestamp(source.getTimestamp());
        target.setCorrelationId(source.getCorrelationId());
        target.setContentType(source.getContentType());
        target.setContentEncoding(source.getContentEncoding());
        target.setAppId(source.getAppId());
        target.setPriority(source.getPriority());
        target.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        for (Map.Entry<String, Object> header : source.getHeaders().entrySet()) {
            String name = header.getKey();
            if (!name.equals("x-death")
                    && !name.startsWith("x-first-death-")
                    && !name.startsWith("x-last-death-")
                    && !name.equals("spring_returned_message_correlation")) {
                target.setHeader(name, header.getValue());
            }
        }
        changes.accept(target);
        return new Message(received.getBody(), target);
    }
}
