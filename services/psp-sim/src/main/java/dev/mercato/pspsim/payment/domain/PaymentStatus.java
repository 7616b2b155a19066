package dev.mercato.pspsim.payment.domain;

import java.util.Locale;

public enum PaymentStatus {
    AUTHORIZED,
    DECLINED,
    CAPTURED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    VOIDED;

    /** The lower-case name used on the wire, e.g. {@code partially_refunded}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
