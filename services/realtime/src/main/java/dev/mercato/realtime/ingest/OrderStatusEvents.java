package dev.mercato.realtime.ingest;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.Publication;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code order.created/confirmed/cancelled} v1 (contracts/events) as {@code order.status} events on the owner's
 * channel: {@code {orderId, status, reason?, at}}. Ordering publishes no saga stages yet, so {@code stage} is never
 * set. The statuses are ranked (PENDING, CONFIRMED, CANCELLED — a confirmed order can still be cancelled), so a
 * redelivered older event never overtakes a newer one.
 */
final class OrderStatusEvents {

    private record Status(String name, int rank, String timeField) {}

    private static final Map<String, Status> BY_TYPE = Map.of(
            "order.created", new Status("PENDING", 1, "createdAt"),
            "order.confirmed", new Status("CONFIRMED", 2, "confirmedAt"),
            "order.cancelled", new Status("CANCELLED", 3, "cancelledAt"));

    private final JsonMapper json;

    OrderStatusEvents(JsonMapper json) {
        this.json = json;
    }

    static boolean handles(String type) {
        return BY_TYPE.containsKey(type);
    }

    /** @throws IllegalArgumentException when the body lacks the order or its owner */
    Appendable translate(Envelope envelope) {
        Status status = BY_TYPE.get(envelope.type());
        JsonNode body = envelope.payload();
        UUID orderId = Fields.uuid(body, "orderId");
        UUID userId = Fields.uuid(body, "userId");
        ObjectNode data = json.createObjectNode();
        data.put("orderId", orderId.toString());
        data.put("status", status.name());
        JsonNode reason = body.path("reason");
        if (reason.isString()) {
            data.put("reason", reason.asString());
        }
        JsonNode at = body.path(status.timeField());
        data.put("at", at.isString() ? at.asString() : envelope.occurredAt().toString());
        return new Appendable(
                envelope.messageId(),
                "order:" + orderId,
                status.rank(),
                List.of(Publication.always(Channels.orders(userId), "order.status", json.writeValueAsString(data))));
    }
}
