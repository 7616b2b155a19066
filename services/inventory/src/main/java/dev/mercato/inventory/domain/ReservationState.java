package dev.mercato.inventory.domain;

public enum ReservationState {
    /** stock is held until the expiry */
    RESERVED,
    COMMITTED,
    RELEASED,
    /** not committed in time; the held stock was given back */
    EXPIRED,
    /** some line could not be served; nothing was held */
    REJECTED
}
