package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderId;
import java.time.Instant;

/** A difference between our payment and the provider's, and whether reconciliation repaired it. */
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
        UNKNOWN_PAYMENT
    }
}
