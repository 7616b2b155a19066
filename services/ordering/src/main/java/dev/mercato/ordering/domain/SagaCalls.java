package dev.mercato.ordering.domain;

/**
 * The downstream call of each saga step, with its answer classified into a {@link StepOutcome}. Every call is
 * idempotent per order id, so a step re-run after a crash is safe. Which step makes which call is declared in
 * {@link CheckoutSaga}.
 */
public interface SagaCalls {

    StepOutcome reserveStock(SagaOrder order);

    StepOutcome authorizePayment(SagaOrder order);

    StepOutcome capturePayment(SagaOrder order);

    StepOutcome commitStock(SagaOrder order);

    StepOutcome voidPayment(SagaOrder order);

    StepOutcome refundPayment(SagaOrder order);

    StepOutcome releaseStock(SagaOrder order);
}
