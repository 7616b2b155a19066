package dev.mercato.ordering.domain;

/** The checkout saga's steps: four forward steps, three compensations, and the end. */
public enum SagaStep {
    RESERVE_STOCK(false),
    AUTHORIZE_PAYMENT(false),
    CAPTURE_PAYMENT(false),
    COMMIT_STOCK(false),
    VOID_PAYMENT(true),
    REFUND_PAYMENT(true),
    RELEASE_STOCK(true),
    COMPLETED(false);

    private final boolean compensation;

    SagaStep(boolean compensation) {
        this.compensation = compensation;
    }

    public boolean isCompensation() {
        return compensation;
    }

    /** Forward steps that run before the payment is known to be captured: cancellable, bounded by the deadline. */
    public boolean isBeforeCapture() {
        return this == RESERVE_STOCK || this == AUTHORIZE_PAYMENT || this == CAPTURE_PAYMENT;
    }
}
