package dev.mercato.payment.payment;

import dev.mercato.payment.domain.OrderId;
import java.util.UUID;

/** One call to the provider as logged: what, with which key, and what came back (SUCCEEDED, REFUSED, UNAVAILABLE). */
public record Operation(
        OrderId order,
        Kind kind,
        String idempotencyKey,
        UUID refundId,
        Long amount,
        String outcome,
        String providerPaymentId,
        String providerRefundId,
        Integer providerVersion,
        String detail) {

    public enum Kind {
        AUTHORIZE,
        CAPTURE,
        VOID,
        REFUND
    }
}
