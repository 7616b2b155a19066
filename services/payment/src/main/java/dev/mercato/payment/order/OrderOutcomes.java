package dev.mercato.payment.order;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.OrderOutcome;
import dev.mercato.payment.domain.OrderOutcome.Decision;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Learns how orders ended from ordering's {@code order.confirmed} / {@code order.cancelled} v1 events (schemas in
 * {@code contracts/events/}), so reconciliation can compare payments with orders. The library runs {@link #record} and
 * the inbox insert in one transaction: a redelivery has no second effect, and storing is idempotent besides (the same
 * outcome again changes nothing; a late confirmation never undoes a cancellation).
 */
@Component
public class OrderOutcomes {

    public static final String CONFIRMED = "order.confirmed";
    public static final String CANCELLED = "order.cancelled";

    private final OrderOutcomeRepository repository;

    OrderOutcomes(OrderOutcomeRepository repository) {
        this.repository = repository;
    }

    public void record(Envelope event) {
        repository.store(parse(event));
    }

    static OrderOutcome parse(Envelope event) {
        if (event.version() != 1) {
            throw new PermanentMessageFailure("unknown schema version " + event.qualifiedType());
        }
        Decision decision = switch (event.type()) {
            case CONFIRMED -> Decision.CONFIRMED;
            case CANCELLED -> Decision.CANCELLED;
            default -> throw new PermanentMessageFailure("not an order outcome: " + event.type());
        };
        JsonNode body = event.payload();
        try {
            OrderId order = OrderId.of(required(body, "orderId").asString());
            Money total = body.hasNonNull("total") ? money(body.get("total")) : null;
            if (decision == Decision.CONFIRMED && total == null) {
                throw new IllegalArgumentException("a confirmation without total");
            }
            String at = decision == Decision.CONFIRMED ? "confirmedAt" : "cancelledAt";
            Instant decidedAt = body.hasNonNull(at) ? Instant.parse(body.get(at).asString()) : event.occurredAt();
            String reason = decision == Decision.CANCELLED && body.hasNonNull("reason")
                    ? body.get("reason").asString()
                    : null;
            return new OrderOutcome(order, decision, total, reason, decidedAt);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PermanentMessageFailure(
                    event.qualifiedType() + " " + event.messageId() + ": " + e.getMessage(), e);
        }
    }

    private static Money money(JsonNode money) {
        return Money.ofDecimal(
                required(money, "amount").asString(),
                required(money, "currency").asString());
    }

    private static JsonNode required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.get(field);
    }
}
