package dev.mercato.payment.domain;

import java.util.List;

/**
 * The port to the external payment provider. Every call carries the operation's idempotency key; implementations
 * throw {@link ProviderUnavailable} when the outcome is unknown or the provider cannot be reached (safe to retry with
 * the same key) and {@link ProviderRefused} when the provider refused the operation for good.
 */
public interface PaymentProvider {

    /** A declined authorization is a result, not an error: status {@link PaymentStatus#DECLINED}. */
    ProviderPayment authorize(String idempotencyKey, String token, Money amount, String merchantReference);

    ProviderPayment capture(String idempotencyKey, String paymentId);

    ProviderPayment voidPayment(String idempotencyKey, String paymentId);

    /** @param amount minor units, or null for everything still refundable */
    ProviderPayment refund(String idempotencyKey, String paymentId, Long amount);

    /** Every payment for this merchant reference, oldest first (declined attempts included). */
    List<ProviderPayment> findByMerchantReference(String merchantReference);

    class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    class ProviderRefused extends RuntimeException {
        private final int status;

        public ProviderRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
