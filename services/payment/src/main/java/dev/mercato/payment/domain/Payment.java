package dev.mercato.payment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The payment of one order. Its state follows the provider's snapshots (newest {@code providerVersion} wins, older
 * ones are ignored), and it decides which commands may reach the provider at all: each {@code check...} answers
 * {@link Next#CALL_PROVIDER}, {@link Next#ALREADY_DONE} (a repeated command: same outcome, no second effect) or throws
 * {@link PaymentRejected}.
 */
public final class Payment {

    public enum Next {
        CALL_PROVIDER,
        ALREADY_DONE
    }

    private final OrderId orderId;
    private final String providerPaymentId;
    private final Money amount;
    private PaymentStatus status;
    private long capturedAmount;
    private long refundedAmount;
    private String failureCode;
    private int providerVersion;
    private final Map<UUID, Long> refunds;

    public Payment(
            OrderId orderId,
            String providerPaymentId,
            Money amount,
            PaymentStatus status,
            long capturedAmount,
            long refundedAmount,
            String failureCode,
            int providerVersion,
            Map<UUID, Long> refunds) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.providerPaymentId = Objects.requireNonNull(providerPaymentId, "providerPaymentId");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.status = Objects.requireNonNull(status, "status");
        this.capturedAmount = capturedAmount;
        this.refundedAmount = refundedAmount;
        this.failureCode = failureCode;
        this.providerVersion = providerVersion;
        this.refunds = new HashMap<>(refunds);
    }

    /** The payment the provider created for this order, with the events that bring us from nothing to its state. */
    public static Created create(OrderId orderId, ProviderPayment snapshot) {
        Payment payment = new Payment(
                orderId,
                snapshot.id(),
                snapshot.amount(),
                snapshot.status(),
                snapshot.capturedAmount(),
                snapshot.refundedAmount(),
                snapshot.failureCode(),
                snapshot.version(),
                Map.of());
        List<PaymentEvent> events = new ArrayList<>();
        events.add(
                snapshot.status() == PaymentStatus.DECLINED
                        ? new PaymentEvent.Declined(payment)
                        : new PaymentEvent.Authorized(payment));
        payment.changesSince(PaymentStatus.AUTHORIZED, 0, snapshot, events);
        return new Created(payment, List.copyOf(events));
    }

    public record Created(Payment payment, List<PaymentEvent> events) {}

    /** A repeated authorization of the same order: only the same amount is the same request. */
    public Next checkAuthorize(Money requested) {
        if (!amount.equals(requested)) {
            throw new PaymentRejected(
                    "order " + orderId + " was already authorized for " + amount + ", not " + requested);
        }
        return Next.ALREADY_DONE;
    }

    public Next checkCapture() {
        if (status == PaymentStatus.AUTHORIZED) {
            return Next.CALL_PROVIDER;
        }
        if (status.isCaptured()) {
            return Next.ALREADY_DONE;
        }
        throw new PaymentRejected("payment of order " + orderId + " is " + status + ", it cannot be captured");
    }

    public Next checkVoid() {
        if (status == PaymentStatus.AUTHORIZED) {
            return Next.CALL_PROVIDER;
        }
        if (status == PaymentStatus.VOIDED) {
            return Next.ALREADY_DONE;
        }
        throw new PaymentRejected("payment of order " + orderId + " is " + status + ", it cannot be voided");
    }

    /** @param requested minor units, or null for everything still refundable */
    public Next checkRefund(UUID refundId, Long requested) {
        Long done = refunds.get(refundId);
        if (done != null) {
            if (requested != null && requested.longValue() != done) {
                throw new PaymentRejected("refund " + refundId + " was for " + done + ", not " + requested);
            }
            return Next.ALREADY_DONE;
        }
        if (!status.isCaptured()) {
            throw new PaymentRejected("payment of order " + orderId + " is " + status + ", nothing to refund");
        }
        long refundable = refundable().minor();
        if (refundable == 0) {
            throw new PaymentRejected("payment of order " + orderId + " is fully refunded");
        }
        if (requested != null && (requested <= 0 || requested > refundable)) {
            throw new PaymentRejected("refund of " + requested + " is outside 1.." + refundable + " still refundable");
        }
        return Next.CALL_PROVIDER;
    }

    /** Adopts a newer provider snapshot; an older or equal version changes nothing and yields no events. */
    public List<PaymentEvent> apply(ProviderPayment snapshot) {
        if (!snapshot.id().equals(providerPaymentId)) {
            throw new IllegalArgumentException(
                    "snapshot of " + snapshot.id() + " applied to payment " + providerPaymentId);
        }
        if (snapshot.version() <= providerVersion) {
            return List.of();
        }
        PaymentStatus before = status;
        long refundedBefore = refundedAmount;
        status = snapshot.status();
        capturedAmount = snapshot.capturedAmount();
        refundedAmount = snapshot.refundedAmount();
        failureCode = snapshot.failureCode();
        providerVersion = snapshot.version();
        List<PaymentEvent> events = new ArrayList<>();
        changesSince(before, refundedBefore, snapshot, events);
        return List.copyOf(events);
    }

    /** Remembers which of our refund ids the provider carried out, so a repeated refund is not sent again. */
    public void recordRefund(UUID refundId, long amountMinor) {
        refunds.putIfAbsent(refundId, amountMinor);
    }

    private void changesSince(PaymentStatus before, long refundedBefore, ProviderPayment now, List<PaymentEvent> out) {
        if (!before.isCaptured() && status.isCaptured()) {
            out.add(new PaymentEvent.Captured(this));
        }
        if (before != PaymentStatus.VOIDED && status == PaymentStatus.VOIDED) {
            out.add(new PaymentEvent.Voided(this));
        }
        if (refundedAmount > refundedBefore) {
            String lastRefund =
                    now.refunds().isEmpty() ? null : now.refunds().getLast().id();
            out.add(new PaymentEvent.Refunded(
                    this, Money.of(refundedAmount - refundedBefore, amount.currency()), lastRefund));
        }
    }

    public Money refundable() {
        return Money.of(status.isCaptured() ? capturedAmount - refundedAmount : 0, amount.currency());
    }

    public OrderId orderId() {
        return orderId;
    }

    public String providerPaymentId() {
        return providerPaymentId;
    }

    public Money amount() {
        return amount;
    }

    public PaymentStatus status() {
        return status;
    }

    public Money captured() {
        return Money.of(capturedAmount, amount.currency());
    }

    public Money refunded() {
        return Money.of(refundedAmount, amount.currency());
    }

    public String failureCode() {
        return failureCode;
    }

    public int providerVersion() {
        return providerVersion;
    }

    public Map<UUID, Long> refunds() {
        return Map.copyOf(refunds);
    }
}
