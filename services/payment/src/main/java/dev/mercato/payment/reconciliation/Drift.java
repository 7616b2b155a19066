package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderId;
import java.time.Instant;

/**
 * A difference between our payment and the provider's, or between our payment and how its order ended, and whether
 * reconciliation repaired it.
 */
record Drift(
        OrderId orderId, String providerPaymentId, Kind kind, String detail, boolean repaired, Instant detectedAt) {

    enum Kind {
        /** The provider is ahead (we missed a webhook): repaired by adopting its state. */
        MISSED_UPDATE,
        /** Our version is ahead of the provider's, or the same version differs: reported only. */
        CONFLICTING_STATE,
        /** We have the payment, the provider does not: reported only. */
        MISSING_AT_PROVIDER,
        /** A webhook for a payment we never stored (our authorize crashed after the provider's answer): adopted. */
        UNKNOWN_PAYMENT,
        /**
         * The order is CONFIRMED but its payment is not captured, or captured another amount than the order's total:
         * reported only (the goods are sold, an operator decides about the money).
         */
        CAPTURE_MISMATCH,
        /** The order is CONFIRMED but we have no payment for it: reported only. */
        CONFIRMED_WITHOUT_PAYMENT,
        /**
         * The order is CANCELLED but its payment still holds an authorization (e.g. an authorize that completed after
         * the saga gave up on it): repaired by voiding it.
         */
        OPEN_AUTHORIZATION,
        /** The order is CANCELLED but captured money was not (fully) refunded: repaired by refunding the rest. */
        UNREFUNDED_CANCELLATION,
        /**
         * A payment older than {@code orders.outcome-timeout} whose order never ended (the order is stuck, or its
         * {@code order.confirmed}/{@code order.cancelled} event was lost): reported only.
         */
        MISSING_ORDER_OUTCOME
    }
}
