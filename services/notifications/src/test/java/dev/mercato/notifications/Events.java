package dev.mercato.notifications;

import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The events this service consumes, v1, as identity, ordering, payment and cart publish them (contracts/events). */
public final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {}

    public static Envelope userRegistered(UUID user, String email, String name, String locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user);
        body.put("email", email);
        body.put("name", name);
        body.put("locale", locale);
        return envelope("user.registered", body);
    }

    public static Envelope orderConfirmed(UUID order, UUID user, String total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order);
        body.put("userId", user);
        body.put("total", Map.of("amount", total, "currency", "EUR"));
        body.put("providerPaymentId", "pay_" + order);
        body.put("confirmedAt", Instant.now().toString());
        return envelope("order.confirmed", body);
    }

    public static Envelope orderCancelled(UUID order, UUID user, String reason, String total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order);
        body.put("userId", user);
        body.put("reason", reason);
        body.put("previousStatus", "PENDING");
        body.put("total", Map.of("amount", total, "currency", "EUR"));
        body.put("cancelledAt", Instant.now().toString());
        return envelope("order.cancelled", body);
    }

    public static Envelope paymentRefunded(UUID order, long refundMinor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order);
        body.put("providerPaymentId", "pay_" + order);
        body.put("status", "REFUNDED");
        body.put("amount", refundMinor);
        body.put("currency", "EUR");
        body.put("capturedAmount", refundMinor);
        body.put("refundedAmount", refundMinor);
        body.put("failureCode", null);
        body.put("refundAmount", refundMinor);
        body.put("providerRefundId", "re_" + order);
        body.put("providerVersion", 3);
        return envelope("payment.refunded", body);
    }

    public static Envelope cartAbandoned(UUID user, UUID product, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user);
        body.put("cartVersion", 1_765_000_000_000L);
        body.put("idleSince", Instant.now().minusSeconds(86_400).toString());
        body.put("items", java.util.List.of(Map.of("productId", product, "quantity", quantity)));
        body.put("units", quantity);
        return envelope("cart.abandoned", body);
    }

    private static Envelope envelope(String type, Map<String, Object> body) {
        return new Envelope(
                UUID.randomUUID(),
                type,
                1,
                Instant.now(),
                "it-" + UUID.randomUUID(),
                null,
                null,
                JSON.valueToTree(body));
    }
}
