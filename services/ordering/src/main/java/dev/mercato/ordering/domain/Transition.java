package dev.mercato.ordering.domain;

import org.jspecify.annotations.Nullable;

/**
 * The saga's next state and what it means for the order.
 *
 * @param retryLater the same step runs again at {@code state.nextAttemptAt()}
 * @param providerPaymentId the provider's payment id learned by this step, if any
 */
public record Transition(
        SagaState state, boolean retryLater, @Nullable String providerPaymentId) {

    /** The order's new status when the saga finished; null while it goes on (the order stays as it is). */
    public @Nullable OrderStatus orderOutcome() {
        if (!state.isDone()) {
            return null;
        }
        return state.reason() == null ? OrderStatus.CONFIRMED : OrderStatus.CANCELLED;
    }

    /** No step ahead needs the payment token any more: it must be erased. */
    public boolean paymentTokenSpent() {
        return !state.step().needsPaymentToken();
    }
}
