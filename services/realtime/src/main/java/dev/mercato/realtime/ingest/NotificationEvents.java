package dev.mercato.realtime.ingest;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.Publication;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications' {@code notification.created} v1 (contracts/events) as a {@code notification} event on the user's
 * notifications channel: {@code {eventId, template, title, orderId, at}}, the title already in the user's language.
 * Each is appended once (its message id); a notification has no state for a later event to overtake.
 */
final class NotificationEvents {

    static final String CREATED = "notification.created";

    private final JsonMapper json;

    NotificationEvents(JsonMapper json) {
        this.json = json;
    }

    static boolean handles(String type) {
        return CREATED.equals(type);
    }

    /** @throws IllegalArgumentException when the body lacks the user, the event it is about or its title */
    Appendable translate(Envelope envelope) {
        JsonNode body = envelope.payload();
        UUID userId = Fields.uuid(body, "userId");
        ObjectNode data = json.createObjectNode();
        data.put("eventId", Fields.uuid(body, "eventId").toString());
        data.put("template", Fields.text(body, "template"));
        data.put("title", Fields.text(body, "title"));
        JsonNode order = body.path("orderId");
        if (order.isString()) {
            data.put("orderId", Fields.uuid(body, "orderId").toString());
        } else {
            data.putNull("orderId");
        }
        JsonNode at = body.path("createdAt");
        data.put("at", at.isString() ? at.asString() : envelope.occurredAt().toString());
        return new Appendable(
                envelope.messageId(),
                null,
                0,
                List.of(Publication.always(
                        Channels.notifications(userId), "notification", json.writeValueAsString(data))));
    }
}
