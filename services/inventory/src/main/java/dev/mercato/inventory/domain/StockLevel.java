package dev.mercato.inventory.domain;

import java.util.Objects;

/**
 * The stock of one SKU: units on hand (physically here, including the reserved ones) and units reserved for orders
 * that are not paid yet. Never negative, and never more reserved than on hand.
 */
public record StockLevel(Sku sku, int onHand, int reserved) {

    public StockLevel {
        Objects.requireNonNull(sku, "sku");
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            throw new IllegalArgumentException(
                    "stock of " + sku + " out of bounds: on hand " + onHand + ", reserved " + reserved);
        }
    }

    public static StockLevel none(Sku sku) {
        return new StockLevel(sku, 0, 0);
    }

    public int available() {
        return onHand - reserved;
    }

    public StockLevel apply(StockChange change) {
        if (!change.sku().equals(sku)) {
            throw new IllegalArgumentException("change of " + change.sku() + " applied to " + sku);
        }
        return new StockLevel(sku, onHand + change.onHandDelta(), reserved + change.reservedDelta());
    }

    /** The change that sets the units on hand; refused below the reserved units. */
    public StockChange adjustTo(int newOnHand) {
        if (newOnHand < reserved) {
            throw new StockBelowReserved(sku, newOnHand, reserved);
        }
        return new StockChange(sku, MovementKind.ADJUST, newOnHand - onHand, 0);
    }

    /** Thrown when stock on hand would be set below what is reserved for orders. */
    public static final class StockBelowReserved extends RuntimeException {
        public StockBelowReserved(Sku sku, int onHand, int reserved) {
            super("on hand of " + sku + " cannot be set to " + onHand + ": " + reserved + " units are reserved");
        }
    }
}
