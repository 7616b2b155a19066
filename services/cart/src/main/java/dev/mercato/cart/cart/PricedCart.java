package dev.mercato.cart.cart;

import dev.mercato.cart.money.Money;
import java.util.List;
import java.util.UUID;

/**
 * A cart with catalog's current prices.
 *
 * @param lines the products that can be bought, with their prices
 * @param total the sum of the lines' totals
 * @param unavailable products in the cart that cannot be bought now (deleted, not published yet, or priced in another
 *     currency): kept in the cart, left out of lines and total
 */
public record PricedCart(List<Line> lines, Money total, long version, List<Unavailable> unavailable) {

    public record Line(UUID productId, String sku, String name, int quantity, Money unitPrice, Money lineTotal) {}

    public record Unavailable(UUID productId, int quantity) {}
}
