package dev.mercato.ordering.domain;

import org.jspecify.annotations.Nullable;

/** What one call of a saga step came back with, already classified by the adapter that made it. */
public sealed interface StepOutcome {

    /** The step did what it is for (or there was nothing to do, e.g. voiding a payment that never existed). */
    record Succeeded(@Nullable String providerPaymentId) implements StepOutcome {
        public static final Succeeded NOTHING = new Succeeded(null);
    }

    /** Reserve: some line could not be served; nothing is held. */
    record OutOfStock(String detail) implements StepOutcome {}

    /** Authorize: the provider refused the token. */
    record Declined(String failureCode) implements StepOutcome {}

    /** Void found a captured payment: it must be refunded instead. */
    record NeedsRefund() implements StepOutcome {}

    /** Refund found an authorized, uncaptured payment: it must be voided instead. */
    record NeedsVoid() implements StepOutcome {}

    /** Could not tell (unavailable, deadline, overload): try the same call again later. */
    record Transient(String error) implements StepOutcome {}

    /** Refused for good (invalid argument, a state that forbids the call): retrying cannot help. */
    record Rejected(String error) implements StepOutcome {}

    /** Inventory refused to commit: the reservation expired or was released. */
    record ReservationLost(String error) implements StepOutcome {}
}
