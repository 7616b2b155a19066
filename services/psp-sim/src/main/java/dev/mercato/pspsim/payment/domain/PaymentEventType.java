package dev.mercato.pspsim.payment.domain;

/** The state changes a webhook announces; the names are stable wire strings. */
public enum PaymentEventType {
    AUTHORIZED("payment.authorized"),
    DECLINED("payment.declined"),
    CAPTURED("payment.captured"),
    VOIDED("payment.voided"),
    REFUNDED("payment.refunded");

    private final String wire;

    PaymentEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
