package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderOutcome;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentStatus;
import java.util.Optional;

/**
 * What an order's payment must look like once the order ended: a confirmed order's payment captured its total; a
 * cancelled order holds no authorization and keeps no money (no payment at all is fine: e.g. out of stock before the
 * authorization). Plain logic, no I/O.
 */
final class OrderCheck {

    private OrderCheck() {}

    enum Repair {
        /** Only an operator can tell what is right. */
        NONE,
        /** Void the open authorization. */
        VOID,
        /** Refund everything still refundable. */
        REFUND
    }

    record Mismatch(Drift.Kind kind, String detail, Repair repair) {}

    static Optional<Mismatch> check(OrderOutcome order, Optional<Payment> payment) {
        return switch (order.decision()) {
            case CONFIRMED -> confirmed(order, payment);
            case CANCELLED -> payment.flatMap(p -> cancelled(order, p));
        };
    }

    private static Optional<Mismatch> confirmed(OrderOutcome order, Optional<Payment> payment) {
        if (payment.isEmpty()) {
            return Optional.of(new Mismatch(
                    Drift.Kind.CONFIRMED_WITHOUT_PAYMENT,
                    "order confirmed for " + order.total() + ", no payment",
                    Repair.NONE));
        }
        Payment p = payment.get();
        if (p.status().isCaptured() && (order.total() == null || p.captured().equals(order.total()))) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(
                Drift.Kind.CAPTURE_MISMATCH,
                "order confirmed for " + order.total() + ", payment " + p.status() + " with " + p.captured()
                        + " captured",
                Repair.NONE));
    }

    private static Optional<Mismatch> cancelled(OrderOutcome order, Payment p) {
        String cancelled = "order cancelled (" + order.reason() + ")";
        if (p.status() == PaymentStatus.AUTHORIZED) {
            return Optional.of(new Mismatch(
                    Drift.Kind.OPEN_AUTHORIZATION,
                    cancelled + ", payment still authorized for " + p.amount(),
                    Repair.VOID));
        }
        if (!p.refundable().isZero()) {
            return Optional.of(new Mismatch(
                    Drift.Kind.UNREFUNDED_CANCELLATION,
                    cancelled + ", " + p.refundable() + " of " + p.captured() + " captured not refunded",
                    Repair.REFUND));
        }
        return Optional.empty();
    }
}
