package dev.mercato.realtime;

import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The domain events realtime consumes, with their v1 bodies as ordering and catalog publish them. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {}

    public static Envelope orderCreated(UUID orderId, UUID userId) {
        ObjectNode body = order(orderId, userId);
        body.put("cartVersion", 3);
        body.putArray("lines").addObject().put("productId", UUID.randomUUID().toString());
        body.put("createdAt", "2026-12-06T10:00:00Z");
        return envelope("order.created", body);
    }

    public static Envelope orderConfirmed(UUID orderId, UUID userId) {
        ObjectNode body = order(orderId, userId);
        body.put("providerPaymentId", "pay_1");
        body.put("confirmedAt", "2026-12-06T10:00:01Z");
        return envelope("order.confirmed", body);
    }

    public static Envelope orderCancelled(UUID orderId, UUID userId, String reason) {
        ObjectNode body = order(orderId, userId);
        body.put("reason", reason);
        body.put("previousStatus", "PENDING");
        body.put("cancelledAt", "2026-12-06T10:00:02Z");
        return envelope("order.cancelled", body);
    }

    public static Envelope productUpdated(UUID productId, int version, String amount, boolean inStock) {
        ObjectNode body = JSON.createObjectNode();
        body.put("productId", productId.toString());
        body.put("sku", "SKU-1");
        body.put("category", "books");
        body.putObject("name").put("en", "A book");
        body.putObject("price").put("amount", amount).put("currency", "EUR");
        body.put("inStock", inStock);
        body.put("publishAt", "2026-12-01T00:00:00Z");
        body.put("published", true);
        body.put("version", version);
        return envelope(version == 1 ? "product.created" : "product.updated", body);
    }

    public static Envelope productDeleted(UUID productId, int version) {
        ObjectNode body = JSON.createObjectNode();
        body.put("productId", productId.toString());
        body.put("sku", "SKU-1");
        body.put("version", version);
        return envelope("product.deleted", body);
    }

    /** Chat's {@code chat.message} v1: message {@code seq} of the conversation, to its members. */
    public static Envelope chatMessage(UUID conversationId, long seq, UUID senderId, String body, UUID... recipients) {
        ObjectNode message = JSON.createObjectNode();
        message.put("conversationId", conversationId.toString());
        message.put("seq", seq);
        message.put("id", UUID.randomUUID().toString());
        message.put("clientMessageId", "c-" + seq);
        message.put("senderId", senderId.toString());
        message.put("body", body);
        message.put("sentAt", "2026-12-07T10:00:00Z");
        var to = message.putArray("recipients");
        for (UUID recipient : recipients) {
            to.add(recipient.toString());
        }
        return envelope("chat.message", message);
    }

    /** Chat's {@code chat.read} v1: {@code userId}'s marker moved to {@code seq}. */
    public static Envelope chatRead(UUID conversationId, UUID userId, long seq, UUID... recipients) {
        ObjectNode marker = JSON.createObjectNode();
        marker.put("conversationId", conversationId.toString());
        marker.put("userId", userId.toString());
        marker.put("seq", seq);
        marker.put("at", "2026-12-07T10:00:01Z");
        var to = marker.putArray("recipients");
        for (UUID recipient : recipients) {
            to.add(recipient.toString());
        }
        return envelope("chat.read", marker);
    }

    /** Notifications' {@code notification.created} v1 for {@code userId}; {@code orderId} may be null. */
    public static Envelope notificationCreated(UUID userId, UUID orderId, String title) {
        ObjectNode notification = JSON.createObjectNode();
        notification.put("userId", userId.toString());
        notification.put("eventId", UUID.randomUUID().toString());
        notification.put("eventType", orderId == null ? "cart.abandoned.v1" : "order.confirmed.v1");
        notification.put("template", orderId == null ? "cart-abandoned" : "order-confirmed");
        notification.put("locale", "it");
        notification.put("title", title);
        notification.put("orderId", orderId == null ? null : orderId.toString());
        notification.put("createdAt", "2026-12-07T10:00:02Z");
        return envelope("notification.created", notification);
    }

    private static ObjectNode order(UUID orderId, UUID userId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("orderId", orderId.toString());
        body.put("userId", userId.toString());
        body.putObject("total").put("amount", "25.00").put("currency", "EUR");
        return body;
    }

    private static Envelope envelope(String type, ObjectNode body) {
        return new Envelope(UUID.randomUUID(), type, 1, Instant.parse("2026-12-06T10:00:00Z"), null, null, null, body);
    }
}
