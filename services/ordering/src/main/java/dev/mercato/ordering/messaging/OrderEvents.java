package dev.mercato.ordering.messaging;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.DecimalMoney;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Appends {@code order.created/confirmed/cancelled} v1 (schemas in {@code contracts/events/}) to the outbox in the
 * caller's transaction, the one that changed the order. Aggregate id = order id; the callers hold the order's row
 * lock, so an order's events leave in order.
 */
@Component
public class OrderEvents {

    static final String AGGREGATE = "order";

    private final Outbox outbox;

    OrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void created(Created body) {
        outbox.append(OutgoingMessage.event("order.created", 1, AGGREGATE, body.orderId(), body));
    }

    public void confirmed(OrderId order, UserId user, Money total, @Nullable String providerPaymentId, Instant at) {
        outbox.append(OutgoingMessage.event(
                "order.confirmed",
                1,
                AGGREGATE,
                order.value(),
                new Confirmed(order.value(), user.value(), DecimalMoney.of(total), providerPaymentId, at)));
    }

    public void cancelled(
            OrderId order, UserId user, Money total, CancellationReason reason, OrderStatus previous, Instant at) {
        outbox.append(OutgoingMessage.event(
                "order.cancelled",
                1,
                AGGREGATE,
                order.value(),
                new Cancelled(
                        order.value(), user.value(), reason.code(), previous.name(), DecimalMoney.of(total), at)));
    }

    public record Created(
            UUID orderId, UUID userId, long cartVersion, List<Line> lines, DecimalMoney total, Instant createdAt) {}

    public record Line(
            String productId, String sku, String name, int quantity, DecimalMoney unitPrice, DecimalMoney lineTotal) {}

    record Confirmed(
            UUID orderId,
            UUID userId,
            DecimalMoney total,
            @Nullable String providerPaymentId,
            Instant confirmedAt) {}

    record Cancelled(
            UUID orderId, UUID userId, String reason, String previousStatus, DecimalMoney total, Instant cancelledAt) {}
}
