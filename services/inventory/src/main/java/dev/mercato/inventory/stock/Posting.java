package dev.mercato.inventory.stock;

import dev.mercato.inventory.domain.OrderId;
import dev.mercato.inventory.domain.StockChange;
import java.util.List;

/** A stock change about to be written to the ledger, with the order that caused it (null for adjustments). */
public record Posting(OrderId order, StockChange change) {

    public static List<Posting> of(OrderId order, List<StockChange> changes) {
        return changes.stream().map(change -> new Posting(order, change)).toList();
    }
}
