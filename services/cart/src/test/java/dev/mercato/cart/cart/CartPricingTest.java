package dev.mercato.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.cart.catalog.CatalogProduct;
import dev.mercato.cart.money.Money;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartPricingTest {

    private final CartPricing pricing = new CartPricing("EUR");

    private final CatalogProduct mug = product("MUG", 1250, "EUR", true);
    private final CatalogProduct lamp = product("LAMP", 4999, "EUR", true);

    @Test
    void pricesEachLineAndSumsTheTotal() {
        StoredCart cart = new StoredCart(Map.of(mug.id(), 3, lamp.id(), 1), 7);

        PricedCart priced = pricing.price(cart, Map.of(mug.id(), mug, lamp.id(), lamp));

        assertThat(priced.lines())
                .extracting(PricedCart.Line::sku, PricedCart.Line::quantity, PricedCart.Line::lineTotal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("LAMP", 1, new Money(4999, "EUR")),
                        org.assertj.core.groups.Tuple.tuple("MUG", 3, new Money(3750, "EUR")));
        assertThat(priced.total()).isEqualTo(new Money(8749, "EUR"));
        assertThat(priced.version()).isEqualTo(7);
        assertThat(priced.unavailable()).isEmpty();
    }

    @Test
    void anEmptyCartCostsZeroInTheCartCurrency() {
        PricedCart priced = pricing.price(new StoredCart(Map.of(), 0), Map.of());

        assertThat(priced.lines()).isEmpty();
        assertThat(priced.total()).isEqualTo(new Money(0, "EUR"));
    }

    @Test
    void leavesOutProductsThatCannotBeBoughtNow() {
        CatalogProduct scheduled = product("LATER", 100, "EUR", false);
        CatalogProduct dollars = product("USD", 100, "USD", true);
        UUID deleted = UUID.randomUUID();
        StoredCart cart = new StoredCart(Map.of(mug.id(), 1, scheduled.id(), 2, dollars.id(), 3, deleted, 4), 1);

        PricedCart priced =
                pricing.price(cart, Map.of(mug.id(), mug, scheduled.id(), scheduled, dollars.id(), dollars));

        assertThat(priced.lines()).extracting(PricedCart.Line::sku).containsExactly("MUG");
        assertThat(priced.total()).isEqualTo(new Money(1250, "EUR"));
        assertThat(priced.unavailable())
                .extracting(PricedCart.Unavailable::productId)
                .containsExactlyInAnyOrder(scheduled.id(), dollars.id(), deleted);
    }

    @Test
    void sellsOnlyKnownPublishedProductsInTheCartCurrency() {
        assertThat(pricing.sellable(mug)).isTrue();
        assertThat(pricing.sellable(null)).isFalse();
        assertThat(pricing.sellable(product("LATER", 1, "EUR", false))).isFalse();
        assertThat(pricing.sellable(product("USD", 1, "USD", true))).isFalse();
    }

    private static CatalogProduct product(String sku, long minor, String currency, boolean published) {
        return new CatalogProduct(UUID.randomUUID(), sku, sku.toLowerCase(), new Money(minor, currency), published);
    }
}
