package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.OrderOutcome;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentProvider.ProviderRefused;
import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import dev.mercato.payment.domain.PaymentRejected;
import dev.mercato.payment.payment.Payments;
import dev.mercato.payment.reconciliation.OrderReconciliationRepository.Claimed;
import dev.mercato.payment.reconciliation.OrderReconciliationRepository.Overdue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Compares payments with how their orders ended ({@link OrderCheck}), once the grace period after the outcome has
 * passed. A cancelled order's open authorization is voided and its kept money refunded, through the same
 * {@link Payments} commands the saga's gRPC calls use (idempotent per order: a repeated repair is one effect at the
 * provider); a confirmed order whose payment does not match is reported, as is a payment whose order never ended. A
 * matching order is not looked at again; a reported drift is re-checked after each lease but recorded again only if
 * it changes.
 */
@Service
class OrderReconciliation {

    private final OrderReconciliationRepository repository;
    private final ReconciliationProperties properties;
    private final Payments payments;
    private final DriftReport drifts;

    OrderReconciliation(
            OrderReconciliationRepository repository,
            ReconciliationProperties properties,
            Payments payments,
            DriftReport drifts) {
        this.repository = repository;
        this.properties = properties;
        this.payments = payments;
        this.drifts = drifts;
    }

    Reconciliation.Run run(boolean all) {
        ReconciliationProperties.Orders orders = properties.orders();
        Reconciliation.Run run = Reconciliation.Run.NONE;
        // first, so that an outcome reopened for a payment stored after it is compared in this run already
        for (Overdue payment : repository.claimOverdue(orders.outcomeTimeout(), properties.batchSize())) {
            run = run.plus(
                    drifts.report(payment.hasOutcome() ? Optional.empty() : Optional.of(missingOutcome(payment))));
        }
        for (Claimed claimed :
                repository.claimOutcomes(orders.batchSize(), orders.grace(), properties.recheckAfter(), all)) {
            run = run.plus(drifts.report(check(claimed)));
        }
        return run;
    }

    private Drift missingOutcome(Overdue payment) {
        return new Drift(
                payment.orderId(),
                payment.providerPaymentId(),
                Drift.Kind.MISSING_ORDER_OUTCOME,
                "payment " + payment.status() + " since " + payment.createdAt()
                        + ", no order.confirmed or order.cancelled after "
                        + properties.orders().outcomeTimeout(),
                false,
                null);
    }

    /** The refund id of a cancelled order's repair: derived, so a retried repair is the same refund. */
    static UUID refundId(OrderId order) {
        return UUID.nameUUIDFromBytes(("reconciliation-refund:" + order).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Drift> check(Claimed claimed) {
        OrderOutcome order = claimed.outcome();
        Optional<Payment> payment = payments.get(order.orderId());
        Optional<OrderCheck.Mismatch> mismatch = OrderCheck.check(order, payment);
        if (mismatch.isEmpty()) {
            repository.settle(order);
            return Optional.empty();
        }
        OrderCheck.Mismatch m = mismatch.get();
        String paymentId = payment.map(Payment::providerPaymentId).orElse(null);
        if (m.repair() == OrderCheck.Repair.NONE) {
            return stillDrifting(claimed, drift(order, paymentId, m, m.detail(), false));
        }
        String verb = m.repair() == OrderCheck.Repair.VOID ? "void" : "refund";
        try {
            Payment after = m.repair() == OrderCheck.Repair.VOID
                    ? payments.voidPayment(order.orderId())
                    : payments.refund(new Payments.Refund(order.orderId(), refundId(order.orderId()), null));
            if (OrderCheck.check(order, Optional.of(after)).isPresent()) {
                return stillDrifting(
                        claimed,
                        drift(
                                order,
                                paymentId,
                                m,
                                m.detail() + "; after the " + verb + " still " + after.status(),
                                false));
            }
            repository.settle(order);
            return Optional.of(drift(order, paymentId, m, m.detail() + ": " + verb, true));
        } catch (PaymentRejected | ProviderRefused | ProviderUnavailable e) {
            return stillDrifting(
                    claimed,
                    drift(
                            order,
                            paymentId,
                            m,
                            m.detail() + "; " + verb + " failed, retried later: " + e.getMessage(),
                            false));
        }
    }

    private static Drift drift(
            OrderOutcome order, String paymentId, OrderCheck.Mismatch m, String detail, boolean repaired) {
        return new Drift(order.orderId(), paymentId, m.kind(), detail, repaired, null);
    }

    private Optional<Drift> stillDrifting(Claimed claimed, Drift drift) {
        repository.drifting(claimed.outcome(), drift.kind());
        return drift.kind() == claimed.lastDrift() ? Optional.empty() : Optional.of(drift);
    }
}
