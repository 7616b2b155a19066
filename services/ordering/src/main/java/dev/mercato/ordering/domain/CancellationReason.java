package dev.mercato.ordering.domain;

import java.util.Locale;

/** Why an order ended CANCELLED; the lower-case name is what the API and {@code order.cancelled} show. */
public enum CancellationReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    RESERVATION_EXPIRED,
    DEADLINE_EXCEEDED,
    CANCELLED_BY_CUSTOMER,
    /** A downstream service refused a call for good (invalid input, a state that forbids it). */
    REJECTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
