package dev.mercato.ordering.domain;

import org.jspecify.annotations.Nullable;

/**
 * The saga's next state and what it means for the order.
 *
 * @param retryLater the same step runs again at {@code state.nextAttemptAt()}
 * @param orderOutcome the order's new status when the saga finished (null: the order stays as it is)
 * @param paymentTokenSpent the payment token is no longer needed and must be erased
 * @param providerPaymentId the provider's payment id learned by this step, if any
 */
public record Transition(
        SagaState state,
        boolean retryLater,
        @Nullable OrderStatus orderOutcome,
        boolean paymentTokenSpent,
        @Nullable String providerPaymentId) {}
