package dev.mercato.messaging.outbox;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message to append to the outbox: where it goes, what it is, which aggregate it belongs to (messages of one
 * aggregate are published in the order they were appended) and its payload (any object Jackson can write, or a
 * {@code JsonNode}). Correlation and causation ids left unset are taken from the message being handled, if any.
 */
public record OutgoingMessage(
        String exchange,
        String routingKey,
        String type,
        int version,
        String aggregateType,
        String aggregateId,
        Object payload,
        @Nullable Instant occurredAt,
        @Nullable String correlationId,
        @Nullable String causationId,
        Map<String, Object> headers) {

    public OutgoingMessage {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Envelope.requireValidType(type);
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        headers = Map.copyOf(headers);
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
    }

    /** A domain event on {@code mercato.events}, routed by its type ({@code product.created}). */
    public static OutgoingMessage event(
            String type, int version, String aggregateType, Object aggregateId, Object payload) {
        return new OutgoingMessage(
                Exchanges.EVENTS,
                type,
                type,
                version,
                aggregateType,
                aggregateId.toString(),
                payload,
                null,
                null,
                null,
                Map.of());
    }

    /** The same message to another exchange or routing key (a command queue, a fanout, a headers exchange). */
    public OutgoingMessage to(String exchange, String routingKey) {
        return new OutgoingMessage(
                exchange,
                routingKey,
                type,
                version,
                aggregateType,
                aggregateId,
                payload,
                occurredAt,
                correlationId,
                causationId,
                headers);
    }

    /** An extra AMQP header (a string, number or boolean), e.g. {@code format=pdf} for the headers exchange. */
    public OutgoingMessage withHeader(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutgoingMessage(
                exchange,
                routingKey,
                type,
                version,
                aggregateType,
                aggregateId,
                payload,
                occurredAt,
                correlationId,
                causationId,
                more);
    }

    public OutgoingMessage occurredAt(Instant when) {
        return new OutgoingMessage(
                exchange,
                routingKey,
                type,
                version,
                aggregateType,
                aggregateId,
                payload,
                when,
                correlationId,
                causationId,
                headers);
    }

    public OutgoingMessage correlatedWith(String correlation, @Nullable String causation) {
        return new OutgoingMessage(
                exchange,
                routingKey,
                type,
                version,
                aggregateType,
                aggregateId,
                payload,
                occurredAt,
                correlation,
                causation,
                headers);
    }
}
