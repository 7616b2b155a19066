package dev.mercato.ordering.domain;

/**
 * The checkout saga's steps: four forward steps, three compensations, and the end. What each one calls and where it
 * leads is declared in {@link CheckoutSaga}.
 */
public enum SagaStep {
    RESERVE_STOCK,
    AUTHORIZE_PAYMENT,
    CAPTURE_PAYMENT,
    COMMIT_STOCK,
    VOID_PAYMENT,
    REFUND_PAYMENT,
    RELEASE_STOCK,
    COMPLETED;

    /** Forward steps that run before the payment is known to be captured: cancellable, bounded by the deadline. */
    public boolean isBeforeCapture() {
        return this == RESERVE_STOCK || this == AUTHORIZE_PAYMENT || this == CAPTURE_PAYMENT;
    }

    /** The payment token is kept only while the authorization that spends it lies ahead. */
    boolean needsPaymentToken() {
        return this == RESERVE_STOCK || this == AUTHORIZE_PAYMENT;
    }
}
