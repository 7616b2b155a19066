package dev.mercato.inventory.domain;

import java.util.Objects;

/** Units of one SKU in an order. */
public record Line(Sku sku, int quantity) {

    public static final int MAX_QUANTITY = 10_000;

    public Line {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity of " + sku + " must be 1 to " + MAX_QUANTITY);
        }
    }

    public static Line of(String sku, int quantity) {
        return new Line(new Sku(sku), quantity);
    }
}
