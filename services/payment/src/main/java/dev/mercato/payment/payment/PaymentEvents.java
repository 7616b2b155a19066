package dev.mercato.payment.payment;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Appends {@code payment.authorized/declined/captured/voided/refunded} v1 (schemas in {@code contracts/events/}) to
 * the outbox in the caller's transaction, the one that changed the payment. Aggregate id = order id, so a payment's
 * events leave in order.
 */
@Component
public class PaymentEvents {

    static final String AGGREGATE = "payment";

    private final Outbox outbox;

    PaymentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void publish(List<PaymentEvent> events) {
        for (PaymentEvent event : events) {
            outbox.append(OutgoingMessage.event(
                    event.type(), 1, AGGREGATE, event.payment().orderId().value(), body(event)));
        }
    }

    static Body body(PaymentEvent event) {
        Long refunded = event instanceof PaymentEvent.Refunded r ? r.refunded().minor() : null;
        String refundId = event instanceof PaymentEvent.Refunded r ? r.providerRefundId() : null;
        return body(event.payment(), refunded, refundId);
    }

    static Body body(Payment p, Long refunded, String refundId) {
        return new Body(
                p.orderId().value(),
                p.providerPaymentId(),
                p.status().name(),
                p.amount().minor(),
                p.amount().currency(),
                p.captured().minor(),
                p.refunded().minor(),
                p.failureCode(),
                refunded,
                refundId,
                p.providerVersion());
    }

    /** The body of every payment.*.v1 event: the payment after the change; amounts in minor units. */
    record Body(
            UUID orderId,
            String providerPaymentId,
            String status,
            long amount,
            String currency,
            long capturedAmount,
            long refundedAmount,
            String failureCode,
            Long refundAmount,
            String providerRefundId,
            int providerVersion) {}
}
