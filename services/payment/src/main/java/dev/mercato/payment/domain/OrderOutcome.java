package dev.mercato.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the ordering service decided about an order, as its {@code order.confirmed} / {@code order.cancelled} events
 * say: the order's payment must match it. {@code CANCELLED} is final; a confirmed order may still be cancelled (and
 * refunded) later.
 *
 * @param total the order's total; may be missing on a cancellation
 * @param reason why it was cancelled ({@code out_of_stock}, {@code cancelled_by_customer}...), null when confirmed
 * @param decidedAt when ordering decided (the event's confirmedAt / cancelledAt)
 */
public record OrderOutcome(OrderId orderId, Decision decision, Money total, String reason, Instant decidedAt) {

    public enum Decision {
        CONFIRMED,
        CANCELLED
    }

    public OrderOutcome {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
