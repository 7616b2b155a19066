package dev.mercato.payment.domain;

import java.util.UUID;

/**
 * The provider's {@code Idempotency-Key} of each operation, derived only from the order (and the refund), so a retry
 * after a timeout or a crash sends the same key and the provider runs the operation at most once.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {}

    public static String authorize(OrderId order) {
        return order.merchantReference() + "-authorize";
    }

    public static String capture(OrderId order) {
        return order.merchantReference() + "-capture";
    }

    public static String voidKey(OrderId order) {
        return order.merchantReference() + "-void";
    }

    public static String refund(OrderId order, UUID refundId) {
        return order.merchantReference() + "-refund-" + refundId;
    }
}
