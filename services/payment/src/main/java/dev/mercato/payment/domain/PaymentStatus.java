package dev.mercato.payment.domain;

/** Mirrors the provider's state machine; see services/psp-sim/README.md. */
public enum PaymentStatus {
    AUTHORIZED,
    DECLINED,
    CAPTURED,
    VOIDED,
    PARTIALLY_REFUNDED,
    REFUNDED;

    /** No further change is possible at the provider. */
    public boolean isFinal() {
        return this == DECLINED || this == VOIDED || this == REFUNDED;
    }

    public boolean isCaptured() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    public static PaymentStatus fromProvider(String status) {
        return valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }
}
