package dev.mercato.cart.cart;

import dev.mercato.cart.catalog.CatalogProduct;
import dev.mercato.cart.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Prices a stored cart with catalog's answer, in the one currency carts are sold in. */
final class CartPricing {

    private final String currency;

    CartPricing(String currency) {
        this.currency = currency;
    }

    /** Whether a product can be put in a cart and bought: catalog knows it, it is published, priced in our currency. */
    boolean sellable(CatalogProduct product) {
        return product != null
                && product.published()
                && product.price().currency().equals(currency);
    }

    PricedCart price(StoredCart cart, Map<UUID, CatalogProduct> products) {
        List<PricedCart.Line> lines = new ArrayList<>();
        List<PricedCart.Unavailable> unavailable = new ArrayList<>();
        Money total = Money.zero(currency);
        for (var entry : cart.quantities().entrySet()) {
            CatalogProduct product = products.get(entry.getKey());
            int quantity = entry.getValue();
            if (!sellable(product)) {
                unavailable.add(new PricedCart.Unavailable(entry.getKey(), quantity));
                continue;
            }
            Money lineTotal = product.price().times(quantity);
            lines.add(new PricedCart.Line(
                    product.id(), product.sku(), product.name(), quantity, product.price(), lineTotal));
            total = total.plus(lineTotal);
        }
        lines.sort(Comparator.comparing(PricedCart.Line::sku));
        unavailable.sort(Comparator.comparing(PricedCart.Unavailable::productId));
        return new PricedCart(List.copyOf(lines), total, cart.version(), List.copyOf(unavailable));
    }
}
