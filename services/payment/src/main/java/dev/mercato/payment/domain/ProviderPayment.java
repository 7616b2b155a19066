package dev.mercato.payment.domain;

import java.util.List;
import java.util.Objects;

/**
 * The provider's view of a payment at one {@code version} (it increases by one per change), as its API and its
 * webhooks show it. Our payment follows these snapshots, newest version wins.
 */
public record ProviderPayment(
        String id,
        PaymentStatus status,
        Money amount,
        String merchantReference,
        long capturedAmount,
        long refundedAmount,
        String failureCode,
        List<ProviderRefund> refunds,
        int version) {

    public ProviderPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        refunds = List.copyOf(refunds);
    }

    public record ProviderRefund(String id, long amount) {}
}
