package dev.mercato.verify;

/** The invariants of docs/scenarios (every scenario ends by checking them), each with a stable id for reports. */
public enum Invariant {
    ORDER_TERMINAL("order-terminal", "every accepted order reaches CONFIRMED or CANCELLED in bounded time"),
    CONFIRMED_CAPTURED_ONCE("confirmed-captured-once", "a confirmed order has exactly one captured payment"),
    CAPTURE_HAS_CONFIRMED_ORDER(
            "capture-has-confirmed-order", "money captured for an order that is not confirmed is refunded"),
    NO_OPEN_AUTHORIZATION("no-open-authorization", "a cancelled order leaves no authorization holding money"),
    STOCK_NON_NEGATIVE("stock-non-negative", "stock on hand and reserved never go negative, reserved <= on hand"),
    STOCK_CONSERVED("stock-conserved", "stock equals the sum of its ledger; reserved equals the open reservations"),
    RESERVATION_MATCHES_ORDER(
            "reservation-matches-order", "a confirmed order's stock is committed, a cancelled order's is not held"),
    IDEMPOTENT_EFFECT("idempotent-effect", "one idempotency key, one effect: one order, one provider payment");

    private final String id;
    private final String description;

    Invariant(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
