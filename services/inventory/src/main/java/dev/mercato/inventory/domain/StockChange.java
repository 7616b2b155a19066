package dev.mercato.inventory.domain;

import java.util.Objects;

/** One movement of the ledger, as the deltas it applies to a stock row. */
public record StockChange(Sku sku, MovementKind kind, int onHandDelta, int reservedDelta) {

    public StockChange {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(kind, "kind");
    }

    static StockChange reserve(Line line) {
        return new StockChange(line.sku(), MovementKind.RESERVE, 0, line.quantity());
    }

    static StockChange giveBack(Line line, MovementKind kind) {
        return new StockChange(line.sku(), kind, 0, -line.quantity());
    }

    static StockChange commit(Line line) {
        return new StockChange(line.sku(), MovementKind.COMMIT, -line.quantity(), -line.quantity());
    }
}
