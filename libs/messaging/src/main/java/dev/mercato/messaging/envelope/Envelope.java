package dev.mercato.messaging.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One integration message as every Mercato service sends and receives it, whatever the transport. The type is a stable
 * name ({@code product.created}), never a Java class name; the schema version says which contract in
 * {@code contracts/events} the payload follows.
 *
 * @param messageId unique per message; consumers deduplicate on it
 * @param type stable name, {@code <aggregate>.<event>} for domain events
 * @param version schema version of the payload, from 1
 * @param occurredAt when the fact happened
 * @param correlationId the request or conversation the message belongs to
 * @param causationId the message that caused this one, if any
 * @param traceparent W3C trace context of the span that produced the message
 * @param payload the event's data
 */
public record Envelope(
        UUID messageId,
        String type,
        int version,
        Instant occurredAt,
        @Nullable String correlationId,
        @Nullable String causationId,
        @Nullable String traceparent,
        JsonNode payload) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");

    public Envelope {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        requireValidType(type);
        if (version < 1) {
            throw new IllegalArgumentException("Schema version must be 1 or more, was " + version);
        }
    }

    /** The AMQP {@code type} property: {@code product.created.v1}. */
    public String qualifiedType() {
        return type + ".v" + version;
    }

    public static String requireValidType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "Message type must be a stable dotted lower-case name like 'product.created', was '" + type + "'");
        }
        return type;
    }
}
