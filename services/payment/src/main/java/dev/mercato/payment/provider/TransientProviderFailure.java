package dev.mercato.payment.provider;

/**
 * A failure after which the outcome is unknown or nothing was done (503, a same-key request still running, a
 * timeout, a broken connection): retried with the same idempotency key and counted by the circuit breaker.
 */
class TransientProviderFailure extends RuntimeException {

    TransientProviderFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
