package dev.mercato.catalog.grpc;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;

/** A product as other services see it through the lookup. */
record LookedUpProduct(UUID id, String sku, String name, BigDecimal price, String currency, boolean published) {

    /**
     * The price in the currency's minor units (2 decimals for EUR, none for JPY).
     *
     * @throws ArithmeticException when the stored amount has more decimals than the currency has
     */
    long priceMinor() {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return price.movePointRight(digits).longValueExact();
    }
}
