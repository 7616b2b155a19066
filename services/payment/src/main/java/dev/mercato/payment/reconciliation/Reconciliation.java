package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.ProviderPayment;
import dev.mercato.payment.payment.EarlyDeliveries;
import dev.mercato.payment.payment.Payments;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares our payments with the provider's ({@code GET /v1/payments?merchantReference=}) and repairs only what is
 * safe: a provider that is ahead of us (a missed webhook) is adopted, and so is a payment the provider has that we
 * never stored. Anything else is reported (log, {@code mercato.payment.reconciliation.drift{kind,repaired}}, the
 * drift list), never changed. Then the payments are compared with how their orders ended
 * ({@link OrderReconciliation}).
 */
@Service
class Reconciliation {

    private final ReconciliationRepository repository;
    private final ReconciliationProperties properties;
    private final PaymentProvider provider;
    private final Payments payments;
    private final EarlyDeliveries early;
    private final TransactionTemplate tx;
    private final DriftReport drifts;
    private final OrderReconciliation orders;

    Reconciliation(
            ReconciliationRepository repository,
            ReconciliationProperties properties,
            PaymentProvider provider,
            Payments payments,
            EarlyDeliveries early,
            TransactionTemplate tx,
            DriftReport drifts,
            OrderReconciliation orders) {
        this.repository = repository;
        this.properties = properties;
        this.provider = provider;
        this.payments = payments;
        this.early = early;
        this.tx = tx;
        this.drifts = drifts;
        this.orders = orders;
    }

    record Run(int checked, int drifts, int repaired) {

        static final Run NONE = new Run(0, 0, 0);

        /** One more payment or order checked, and its drift if it had one. */
        Run plus(Optional<Drift> drift) {
            return new Run(
                    checked + 1,
                    drifts + (drift.isPresent() ? 1 : 0),
                    repaired + (drift.isPresent() && drift.get().repaired() ? 1 : 0));
        }

        Run plus(Run other) {
            return new Run(checked + other.checked, drifts + other.drifts, repaired + other.repaired);
        }
    }

    /**
     * @param all check every non-final payment and every order outcome past its grace period now (on demand), not
     *     only those due
     */
    Run run(boolean all) {
        Run run = Run.NONE;
        for (OrderId order : repository.claimDue(properties.batchSize(), properties.schedule(), all)) {
            run = run.plus(drifts.report(check(order)));
        }
        for (String paymentId : repository.unmatchedPaymentIds(properties.unmatchedGrace(), properties.batchSize())) {
            run = run.plus(drifts.report(adoptUnknown(paymentId)));
        }
        return run.plus(orders.run(all));
    }

    List<Drift> recent(int limit) {
        return repository.recent(limit);
    }

    private Optional<Drift> check(OrderId order) {
        Payment ours = payments.get(order).orElseThrow();
        Optional<ProviderPayment> theirs = provider.findByMerchantReference(order.merchantReference()).stream()
                .filter(p -> p.id().equals(ours.providerPaymentId()))
                .findFirst();
        if (theirs.isEmpty()) {
            return Optional.of(
                    drift(ours, Drift.Kind.MISSING_AT_PROVIDER, "provider has no " + ours.providerPaymentId(), false));
        }
        ProviderPayment p = theirs.get();
        if (p.version() > ours.providerVersion()) {
            tx.executeWithoutResult(status -> payments.applyLocked(order, List.of(p)));
            return Optional.of(drift(
                    ours,
                    Drift.Kind.MISSED_UPDATE,
                    "ours " + ours.status() + " v" + ours.providerVersion() + ", provider " + p.status() + " v"
                            + p.version() + ": adopted",
                    true));
        }
        boolean same = p.status() == ours.status()
                && p.capturedAmount() == ours.captured().minor()
                && p.refundedAmount() == ours.refunded().minor();
        if (p.version() < ours.providerVersion() || !same) {
            return Optional.of(drift(
                    ours,
                    Drift.Kind.CONFLICTING_STATE,
                    "ours " + ours.status() + " v" + ours.providerVersion() + ", provider " + p.status() + " v"
                            + p.version(),
                    false));
        }
        return Optional.empty();
    }

    private Optional<Drift> adoptUnknown(String providerPaymentId) {
        String reference = repository.merchantReferenceOf(providerPaymentId);
        Optional<OrderId> order = OrderId.fromMerchantReference(reference);
        if (order.isEmpty()) {
            return Optional.of(new Drift(
                    null,
                    providerPaymentId,
                    Drift.Kind.UNKNOWN_PAYMENT,
                    "merchant reference " + reference + " is not an order of ours",
                    false,
                    null));
        }
        Optional<ProviderPayment> theirs = provider.findByMerchantReference(reference).stream()
                .filter(p -> p.id().equals(providerPaymentId))
                .max(Comparator.comparingInt(ProviderPayment::version));
        if (theirs.isEmpty()) {
            return Optional.empty();
        }
        Optional<Payment> stored = payments.get(order.get());
        if (stored.isPresent() && !stored.get().providerPaymentId().equals(providerPaymentId)) {
            // a second provider payment for one order (e.g. authorized again after the provider forgot the key)
            return Optional.of(new Drift(
                    order.get(),
                    providerPaymentId,
                    Drift.Kind.UNKNOWN_PAYMENT,
                    "order already paid by " + stored.get().providerPaymentId() + "; needs an operator",
                    false,
                    null));
        }
        boolean known = stored.isPresent();
        tx.executeWithoutResult(status -> {
            Payment payment = payments.adopt(order.get(), theirs.get());
            if (payment.providerPaymentId().equals(providerPaymentId)) {
                payments.applyLocked(order.get(), early.claim(providerPaymentId));
            }
        });
        return known
                ? Optional.empty()
                : Optional.of(new Drift(
                        order.get(),
                        providerPaymentId,
                        Drift.Kind.UNKNOWN_PAYMENT,
                        "provider payment we never stored: adopted",
                        true,
                        null));
    }

    private Drift drift(Payment ours, Drift.Kind kind, String detail, boolean repaired) {
        return new Drift(ours.orderId(), ours.providerPaymentId(), kind, detail, repaired, null);
    }
}
