package dev.mercato.messaging.envelope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps an {@link Envelope} to an AMQP message and back: message-id, {@code type} = {@code <type>.v<version>},
 * timestamp, correlation-id, headers {@code x-causation-id} and {@code traceparent}, JSON body, persistent delivery.
 * The AMQP timestamp has whole seconds only, so the exact time also travels in {@code x-occurred-at}.
 */
public final class AmqpEnvelopes {

    public static final String CONTENT_TYPE = MessageProperties.CONTENT_TYPE_JSON;
    public static final String CAUSATION_ID = "x-causation-id";
    public static final String OCCURRED_AT = "x-occurred-at";
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern QUALIFIED_TYPE = Pattern.compile("(.+)\\.v([0-9]{1,6})");

    private final JsonMapper json;

    public AmqpEnvelopes(JsonMapper json) {
        this.json = json;
    }

    public JsonMapper json() {
        return json;
    }

    public Message toMessage(Envelope envelope) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(envelope.messageId().toString());
        properties.setType(envelope.qualifiedType());
        properties.setTimestamp(Date.from(envelope.occurredAt()));
        properties.setHeader(OCCURRED_AT, envelope.occurredAt().toString());
        properties.setCorrelationId(envelope.correlationId());
        if (envelope.causationId() != null) {
            properties.setHeader(CAUSATION_ID, envelope.causationId());
        }
        if (envelope.traceparent() != null) {
            properties.setHeader(TRACEPARENT, envelope.traceparent());
        }
        properties.setContentType(CONTENT_TYPE);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(json.writeValueAsBytes(envelope.payload()), properties);
    }

    /** @throws MalformedMessageException when the message lacks what an envelope needs or its body is not JSON */
    public Envelope fromMessage(Message message) {
        MessageProperties properties = message.getMessageProperties();
        UUID messageId = messageId(properties.getMessageId());
        String qualifiedType = properties.getType();
        Matcher type = qualifiedType == null ? null : QUALIFIED_TYPE.matcher(qualifiedType);
        if (type == null || !type.matches()) {
            throw new MalformedMessageException(
                    "Message " + messageId + " has no versioned type ('<name>.v<n>'): " + qualifiedType);
        }
        JsonNode payload;
        try {
            payload = json.readTree(message.getBody());
        } catch (JacksonException e) {
            throw new MalformedMessageException("Message " + messageId + " has a body that is not JSON", e);
        }
        if (payload == null || payload.isMissingNode()) {
            throw new MalformedMessageException("Message " + messageId + " has an empty body");
        }
        try {
            return new Envelope(
                    messageId,
                    type.group(1),
                    Integer.parseInt(type.group(2)),
                    occurredAt(properties),
                    properties.getCorrelationId(),
                    header(properties, CAUSATION_ID),
                    header(properties, TRACEPARENT),
                    payload);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("Message " + messageId + " is not a valid envelope: " + e.getMessage());
        }
    }

    private static UUID messageId(String value) {
        if (value == null) {
            throw new MalformedMessageException("Message has no message-id");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("Message id is not a UUID: " + value);
        }
    }

    private static Instant occurredAt(MessageProperties properties) {
        String exact = header(properties, OCCURRED_AT);
        if (exact != null) {
            try {
                return Instant.parse(exact);
            } catch (DateTimeParseException ignored) {
                // fall back to the AMQP timestamp
            }
        }
        if (properties.getTimestamp() != null) {
            return properties.getTimestamp().toInstant();
        }
        throw new MalformedMessageException("Message " + properties.getMessageId() + " has no timestamp");
    }

    private static String header(MessageProperties properties, String name) {
        Object value = properties.getHeader(name);
        return value == null ? null : value.toString();
    }
}
