package dev.mercato.inventory.domain;

/** Why stock moved; every change of a stock row is one movement in the ledger. */
public enum MovementKind {
    /** on hand set by an operator or the seed */
    ADJUST,
    /** units held for an order */
    RESERVE,
    /** held units given back by the caller */
    RELEASE,
    /** held units given back because the order was not committed in time */
    EXPIRE,
    /** held units left the stock: the order was paid */
    COMMIT
}
