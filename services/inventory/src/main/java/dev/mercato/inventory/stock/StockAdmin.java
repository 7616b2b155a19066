package dev.mercato.inventory.stock;

import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.domain.StockChange;
import dev.mercato.inventory.domain.StockLevel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operators read and set stock on hand; every change is an ADJUST movement in the ledger. */
@Service
public class StockAdmin {

    private final StockRepository stock;

    StockAdmin(StockRepository stock) {
        this.stock = stock;
    }

    @Transactional(readOnly = true)
    public Optional<StockLevel> get(Sku sku) {
        return stock.find(sku);
    }

    /**
     * Sets the units on hand, creating the SKU if it is new.
     *
     * @throws StockLevel.StockBelowReserved if fewer units than are reserved for orders
     */
    @Transactional
    public StockLevel setOnHand(Sku sku, int onHand, String actor) {
        stock.create(sku);
        StockLevel current = stock.lock(List.of(sku)).get(sku);
        StockChange change = current.adjustTo(onHand);
        if (change.onHandDelta() == 0) {
            return current;
        }
        stock.apply(List.of(new Posting(null, change)), actor);
        return current.apply(change);
    }

    @Transactional(readOnly = true)
    public Optional<List<Movement>> movements(Sku sku, long afterId, int limit) {
        return stock.find(sku).map(level -> stock.movements(sku, afterId, limit));
    }
}
