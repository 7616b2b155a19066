package dev.mercato.documents.messaging;

import dev.mercato.documents.invoice.Invoices;
import dev.mercato.documents.order.OrderCopy;
import dev.mercato.documents.order.OrderRepository;
import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * ordering's order events (contracts/events): {@code order.created} v1 is copied, {@code order.confirmed} v1 marks the
 * copy confirmed and renders its invoice, in the library's inbox transaction. A confirmation before its order is a
 * transient failure (retried with backoff); a body that cannot be read is permanent (to the DLQ).
 */
@Component
class OrderEvents {

    static final String ORDER_CREATED = "order.created";
    static final String ORDER_CONFIRMED = "order.confirmed";

    private final OrderRepository orders;
    private final Invoices invoices;

    OrderEvents(OrderRepository orders, Invoices invoices) {
        this.orders = orders;
        this.invoices = invoices;
    }

    void handle(Envelope event) {
        if (event.version() != 1) {
            throw new PermanentMessageFailure("unknown schema version " + event.qualifiedType());
        }
        JsonNode body = event.payload();
        try {
            switch (event.type()) {
                case ORDER_CREATED -> orders.created(copy(body));
                case ORDER_CONFIRMED -> confirmed(uuid(body, "orderId"), Instant.parse(text(body, "confirmedAt")));
                default -> throw new PermanentMessageFailure("not an event this service handles: " + event.type());
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException unreadable) {
            throw new PermanentMessageFailure(
                    event.qualifiedType() + " " + event.messageId() + ": " + unreadable.getMessage(), unreadable);
        }
    }

    private void confirmed(UUID order, Instant at) {
        if (!orders.confirmed(order, at)) {
            throw new IllegalStateException("order " + order + " not known yet: its order.created is on its way");
        }
        OrderCopy copy = orders.find(order).orElseThrow();
        Optional<String> error = invoices.render(List.of(copy)).get(order);
        if (error.isPresent()) {
            throw new PermanentMessageFailure("invoice of order " + order + " not rendered: " + error.get());
        }
    }

    private static OrderCopy copy(JsonNode body) {
        List<OrderCopy.Line> lines = new ArrayList<>();
        for (JsonNode line : required(body, "lines")) {
            lines.add(new OrderCopy.Line(
                    text(line, "sku"),
                    text(line, "name"),
                    required(line, "quantity").asInt(),
                    amount(required(line, "unitPrice")),
                    amount(required(line, "lineTotal"))));
        }
        JsonNode total = required(body, "total");
        return new OrderCopy(
                uuid(body, "orderId"),
                uuid(body, "userId"),
                lines,
                amount(total),
                text(total, "currency"),
                Instant.parse(text(body, "createdAt")),
                null);
    }

    private static BigDecimal amount(JsonNode money) {
        return new BigDecimal(text(money, "amount"));
    }

    private static UUID uuid(JsonNode body, String field) {
        return UUID.fromString(text(body, field));
    }

    private static String text(JsonNode body, String field) {
        return required(body, field).asString();
    }

    private static JsonNode required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return body.get(field);
    }
}
