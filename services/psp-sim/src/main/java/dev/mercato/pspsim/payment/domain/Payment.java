package dev.mercato.pspsim.payment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment at the provider. It guards its own transitions: authorized → captured | voided, captured → (partially)
 * refunded; a declined payment is final. Every change bumps {@code version} so webhook receivers can order events.
 */
public record Payment(
        String id,
        String merchantReference,
        String token,
        long amount,
        String currency,
        PaymentStatus status,
        long capturedAmount,
        long refundedAmount,
        String failureCode,
        int version,
        Instant createdAt,
        Instant updatedAt,
        List<Refund> refunds) {

    public static final String DECLINE_CODE = "card_declined";

    public Payment {
        refunds = List.copyOf(refunds);
    }

    public static Change authorize(
            String id, String merchantReference, TestToken token, long amount, String currency, Instant now) {
        boolean approved = token.approves();
        var payment = new Payment(
                id,
                merchantReference,
                token.value(),
                amount,
                currency,
                approved ? PaymentStatus.AUTHORIZED : PaymentStatus.DECLINED,
                0,
                0,
                approved ? null : DECLINE_CODE,
                1,
                now,
                now,
                List.of());
        return new Change(payment, approved ? PaymentEventType.AUTHORIZED : PaymentEventType.DECLINED);
    }

    public Change capture(Instant now) {
        require(PaymentStatus.AUTHORIZED, "captured");
        return new Change(
                with(PaymentStatus.CAPTURED, amount, refundedAmount, refunds, now), PaymentEventType.CAPTURED);
    }

    public Change voidAuthorization(Instant now) {
        require(PaymentStatus.AUTHORIZED, "voided");
        return new Change(with(PaymentStatus.VOIDED, 0, 0, refunds, now), PaymentEventType.VOIDED);
    }

    /** Refunds {@code requested} minor units, or everything still refundable when it is {@code null}. */
    public Change refund(String refundId, Long requested, Instant now) {
        if (status != PaymentStatus.CAPTURED && status != PaymentStatus.PARTIALLY_REFUNDED) {
            throw new IllegalTransition(
                    "payment " + id + " is " + status.wire() + "; only a captured payment can be refunded");
        }
        long amountToRefund = requested == null ? refundable() : requested;
        if (amountToRefund <= 0) {
            throw new IllegalArgumentException("refund amount must be positive");
        }
        if (amountToRefund > refundable()) {
            throw new IllegalTransition("refund of " + amountToRefund + " exceeds the refundable amount of "
                    + refundable() + " " + currency);
        }
        long refunded = refundedAmount + amountToRefund;
        var allRefunds = new ArrayList<>(refunds);
        allRefunds.add(new Refund(refundId, amountToRefund, now));
        var next = refunded == capturedAmount ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        return new Change(with(next, capturedAmount, refunded, allRefunds, now), PaymentEventType.REFUNDED);
    }

    public long refundable() {
        return capturedAmount - refundedAmount;
    }

    private void require(PaymentStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransition("payment " + id + " is " + status.wire() + "; only an " + expected.wire()
                    + " payment can be " + action);
        }
    }

    private Payment with(PaymentStatus next, long captured, long refunded, List<Refund> allRefunds, Instant now) {
        return new Payment(
                id,
                merchantReference,
                token,
                amount,
                currency,
                next,
                captured,
                refunded,
                failureCode,
                version + 1,
                createdAt,
                now,
                allRefunds);
    }
}
