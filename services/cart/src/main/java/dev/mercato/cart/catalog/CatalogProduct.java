package dev.mercato.cart.catalog;

import dev.mercato.cart.money.Money;
import java.util.UUID;

/**
 * A product as catalog describes it now.
 *
 * @param published false while a scheduled product waits for its publishAt: it cannot be bought yet
 */
public record CatalogProduct(UUID id, String sku, String name, Money price, boolean published) {}
