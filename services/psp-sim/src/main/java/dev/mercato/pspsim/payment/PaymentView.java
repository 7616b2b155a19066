package dev.mercato.pspsim.payment;

import dev.mercato.pspsim.payment.domain.Payment;
import dev.mercato.pspsim.payment.domain.Refund;
import java.time.Instant;
import java.util.List;

/** A payment as the API and webhooks show it; amounts in minor units. */
record PaymentView(
        String id,
        String status,
        long amount,
        String currency,
        String merchantReference,
        long capturedAmount,
        long refundedAmount,
        long refundableAmount,
        String failureCode,
        List<RefundView> refunds,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    record RefundView(String id, long amount, Instant createdAt) {
        static RefundView of(Refund refund) {
            return new RefundView(refund.id(), refund.amount(), refund.createdAt());
        }
    }

    static PaymentView of(Payment payment) {
        return new PaymentView(
                payment.id(),
                payment.status().wire(),
                payment.amount(),
                payment.currency(),
                payment.merchantReference(),
                payment.capturedAmount(),
                payment.refundedAmount(),
                payment.refundable(),
                payment.failureCode(),
                payment.refunds().stream().map(RefundView::of).toList(),
                payment.version(),
                payment.createdAt(),
                payment.updatedAt());
    }
}
