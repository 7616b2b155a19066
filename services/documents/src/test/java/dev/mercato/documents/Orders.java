package dev.mercato.documents;

import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** order.created and order.confirmed v1 as ordering publishes them (contracts/events), for one order. */
public record Orders(UUID order, UUID user, Instant confirmedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static Orders confirmedAt(Instant at) {
        return new Orders(UUID.randomUUID(), UUID.randomUUID(), at);
    }

    public Orders of(UUID owner) {
        return new Orders(order, owner, confirmedAt);
    }

    public Envelope created() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("productId", "p-1");
        line.put("sku", "SKU-1");
        line.put("name", "Espresso cup");
        line.put("quantity", 2);
        line.put("unitPrice", money("12.50"));
        line.put("lineTotal", money("25.00"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order);
        body.put("userId", user);
        body.put("cartVersion", 1);
        body.put("lines", List.of(line));
        body.put("total", money("25.00"));
        body.put("createdAt", confirmedAt.minusSeconds(2).toString());
        return envelope("order.created", body);
    }

    public Envelope confirmed() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order);
        body.put("userId", user);
        body.put("total", money("25.00"));
        body.put("providerPaymentId", "pay_" + order);
        body.put("confirmedAt", confirmedAt.toString());
        return envelope("order.confirmed", body);
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    public static Envelope envelope(String type, Object body) {
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
