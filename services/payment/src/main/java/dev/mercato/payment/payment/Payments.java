package dev.mercato.payment.payment;

import dev.mercato.payment.domain.IdempotencyKeys;
import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentEvent;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.PaymentProvider.ProviderRefused;
import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import dev.mercato.payment.domain.PaymentStatus;
import dev.mercato.payment.domain.ProviderPayment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment use cases the checkout saga calls (through the gRPC facade), each idempotent per order: a repeated
 * command returns the stored outcome without calling the provider, and a command that does call it uses the
 * operation's deterministic idempotency key, so even a retry after a crash has one effect at the provider. The
 * provider is called outside any database transaction; its answer, the payment's change, the operation log and the
 * events then commit together.
 *
 * <p>Throws {@link dev.mercato.payment.domain.PaymentRejected} when the payment's state forbids the command,
 * {@link ProviderUnavailable} when the outcome is unknown (retry later: same key) and {@link ProviderRefused} when
 * the provider refused.
 */
@Service
public class Payments {

    private final PaymentRepository repository;
    private final PaymentProvider provider;
    private final PaymentEvents events;
    private final EarlyDeliveries early;
    private final TransactionTemplate tx;

    Payments(
            PaymentRepository repository,
            PaymentProvider provider,
            PaymentEvents events,
            EarlyDeliveries early,
            TransactionTemplate tx) {
        this.repository = repository;
        this.provider = provider;
        this.events = events;
        this.early = early;
        this.tx = tx;
    }

    public record Authorize(OrderId order, Money amount, String paymentToken) {}

    /** @param amount minor units, or null for everything still refundable */
    public record Refund(OrderId order, UUID refundId, Long amount) {}

    public Optional<Payment> get(OrderId order) {
        return repository.find(order);
    }

    public Payment authorize(Authorize command) {
        Optional<Payment> existing = repository.find(command.order());
        if (existing.isPresent()) {
            existing.get().checkAuthorize(command.amount());
            return existing.get();
        }
        String key = IdempotencyKeys.authorize(command.order());
        ProviderPayment snapshot = call(
                command.order(),
                Operation.Kind.AUTHORIZE,
                key,
                null,
                command.amount().minor(),
                () -> provider.authorize(
                        key,
                        command.paymentToken(),
                        command.amount(),
                        command.order().merchantReference()));
        return tx.execute(status -> {
            Payment payment = adopt(command.order(), snapshot);
            log(
                    command.order(),
                    Operation.Kind.AUTHORIZE,
                    key,
                    null,
                    command.amount().minor(),
                    snapshot,
                    null);
            payment.checkAuthorize(command.amount());
            return payment;
        });
    }

    /**
     * Stores the provider's payment for this order, or, when the order already has one, applies the snapshot to it.
     * Webhooks that arrived before the payment was stored are applied right after it. Needs a transaction.
     */
    public Payment adopt(OrderId order, ProviderPayment snapshot) {
        Payment.Created created = Payment.create(order, snapshot);
        if (!repository.insert(created.payment())) {
            return applyLocked(order, List.of(snapshot));
        }
        events.publish(created.events());
        List<ProviderPayment> earlier = early.claim(snapshot.id());
        // inserted by this transaction: nobody else can see the row, let alone lock it
        return earlier.isEmpty() ? created.payment() : apply(created.payment(), earlier);
    }

    public Payment capture(OrderId order) {
        Payment payment = require(order);
        if (payment.checkCapture() == Payment.Next.ALREADY_DONE) {
            return payment;
        }
        String key = IdempotencyKeys.capture(order);
        ProviderPayment snapshot = call(
                order,
                Operation.Kind.CAPTURE,
                key,
                null,
                payment.amount().minor(),
                () -> provider.capture(key, payment.providerPaymentId()));
        return tx.execute(status -> {
            log(order, Operation.Kind.CAPTURE, key, null, snapshot.capturedAmount(), snapshot, null);
            return applyLocked(order, List.of(snapshot));
        });
    }

    /**
     * Voids the order's authorization. An order without a payment here may still hold one at the provider: an
     * authorize whose answer was lost (the provider authorized, then the connection failed). The provider is asked by
     * the order's merchant reference before answering {@link UnknownPayment}; what it holds is adopted, then voided.
     * While the provider is down that question fails with {@code ProviderUnavailable}, so the caller retries.
     */
    public Payment voidPayment(OrderId order) {
        Payment payment = repository.find(order).orElseGet(() -> adoptLostAuthorization(order));
        if (payment.checkVoid() == Payment.Next.ALREADY_DONE) {
            return payment;
        }
        String key = IdempotencyKeys.voidKey(order);
        ProviderPayment snapshot = call(
                order,
                Operation.Kind.VOID,
                key,
                null,
                null,
                () -> provider.voidPayment(key, payment.providerPaymentId()));
        return tx.execute(status -> {
            log(order, Operation.Kind.VOID, key, null, null, snapshot, null);
            return applyLocked(order, List.of(snapshot));
        });
    }

    public Payment refund(Refund command) {
        OrderId order = command.order();
        Payment payment = require(order);
        if (payment.checkRefund(command.refundId(), command.amount()) == Payment.Next.ALREADY_DONE) {
            return payment;
        }
        String key = IdempotencyKeys.refund(order, command.refundId());
        ProviderPayment snapshot = call(
                order,
                Operation.Kind.REFUND,
                key,
                command.refundId(),
                command.amount(),
                () -> provider.refund(key, payment.providerPaymentId(), command.amount()));
        ProviderPayment.ProviderRefund refund = snapshot.refunds().getLast();
        return tx.execute(status -> {
            log(order, Operation.Kind.REFUND, key, command.refundId(), refund.amount(), snapshot, refund.id());
            Payment changed = applyLocked(order, List.of(snapshot));
            changed.recordRefund(command.refundId(), refund.amount());
            return changed;
        });
    }

    /** Applies provider snapshots (reconciliation, the provider's answers) to the payment, locked; needs a transaction. */
    public Payment applyLocked(OrderId order, List<ProviderPayment> snapshots) {
        return apply(repository.lock(order).orElseThrow(), snapshots);
    }

    /** Applies provider snapshots to a payment this transaction has locked (or inserted). */
    public Payment apply(Payment payment, List<ProviderPayment> snapshots) {
        List<PaymentEvent> changes = new ArrayList<>();
        for (ProviderPayment snapshot : snapshots) {
            changes.addAll(payment.apply(snapshot));
        }
        if (!changes.isEmpty()) {
            repository.update(payment);
            events.publish(changes);
        }
        return payment;
    }

    private Payment adoptLostAuthorization(OrderId order) {
        List<ProviderPayment> held = provider.findByMerchantReference(order.merchantReference()).stream()
                .filter(found -> found.status() != PaymentStatus.DECLINED)
                .toList();
        if (held.isEmpty()) {
            throw new UnknownPayment(order);
        }
        return tx.execute(status -> adopt(order, held.getLast()));
    }

    private Payment require(OrderId order) {
        return repository.find(order).orElseThrow(() -> new UnknownPayment(order));
    }

    private ProviderPayment call(
            OrderId order,
            Operation.Kind kind,
            String key,
            UUID refundId,
            Long amount,
            Supplier<ProviderPayment> call) {
        try {
            return call.get();
        } catch (ProviderUnavailable | ProviderRefused e) {
            String outcome = e instanceof ProviderRefused ? "REFUSED" : "UNAVAILABLE";
            repository.log(
                    new Operation(order, kind, key, refundId, amount, outcome, null, null, null, e.getMessage()));
            throw e;
        }
    }

    private void log(
            OrderId order,
            Operation.Kind kind,
            String key,
            UUID refundId,
            Long amount,
            ProviderPayment p,
            String refundIdAtProvider) {
        repository.log(new Operation(
                order, kind, key, refundId, amount, "SUCCEEDED", p.id(), refundIdAtProvider, p.version(), null));
    }

    /** No payment for this order. */
    public static class UnknownPayment extends RuntimeException {
        public UnknownPayment(OrderId order) {
            super("no payment for order " + order, null, false, false);
        }
    }
}
