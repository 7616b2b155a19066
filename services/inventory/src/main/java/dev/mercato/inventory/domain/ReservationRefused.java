package dev.mercato.inventory.domain;

/** A reservation call the reservation's state or history does not allow; retrying it gives the same answer. */
public final class ReservationRefused extends RuntimeException {

    public enum Reason {
        /** Commit of an order that never reserved */
        UNKNOWN_ORDER,
        /** Reserve again for the same order with different lines */
        DIFFERENT_LINES,
        /** the reservation's state forbids the call */
        WRONG_STATE
    }

    private final Reason reason;

    public ReservationRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
