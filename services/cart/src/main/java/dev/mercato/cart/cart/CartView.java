package dev.mercato.cart.cart;

import dev.mercato.cart.money.Money;
import java.util.List;
import java.util.UUID;

/** {@code GET /v1/cart}: money as {@code {"amount": "12.50", "currency": "EUR"}}. */
record CartView(List<Item> items, Amount total, long version, List<Unavailable> unavailable) {

    record Item(UUID productId, String sku, String name, int quantity, Amount unitPrice, Amount lineTotal) {}

    record Unavailable(UUID productId, int quantity) {}

    record Amount(String amount, String currency) {

        static Amount of(Money money) {
            return new Amount(money.amount(), money.currency());
        }
    }

    static CartView of(PricedCart cart) {
        return new CartView(
                cart.lines().stream()
                        .map(line -> new Item(
                                line.productId(),
                                line.sku(),
                                line.name(),
                                line.quantity(),
                                Amount.of(line.unitPrice()),
                                Amount.of(line.lineTotal())))
                        .toList(),
                Amount.of(cart.total()),
                cart.version(),
                cart.unavailable().stream()
                        .map(u -> new Unavailable(u.productId(), u.quantity()))
                        .toList());
    }
}
