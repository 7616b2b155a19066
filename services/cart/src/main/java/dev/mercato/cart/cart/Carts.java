package dev.mercato.cart.cart;

import dev.mercato.cart.catalog.CatalogProducts;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads and changes carts: quantities in Redis, prices from catalog at every read. */
@Service
public class Carts {

    private final CartStore store;
    private final CatalogProducts catalog;
    private final CartPricing pricing;
    private final CartProperties properties;

    Carts(CartStore store, CatalogProducts catalog, CartProperties properties) {
        this.store = store;
        this.catalog = catalog;
        this.pricing = new CartPricing(properties.currency());
        this.properties = properties;
    }

    /** @param language for product names: an {@code Accept-Language} value, or null for catalog's default */
    public PricedCart priced(UserId user, String language) {
        StoredCart cart = store.read(user);
        return pricing.price(cart, catalog.find(cart.quantities().keySet(), language));
    }

    /** Adds units of a product that can be bought now, within the cart's limits. */
    void add(UserId user, UUID product, int quantity) {
        var found = catalog.find(List.of(product), null).get(product);
        if (!pricing.sellable(found)) {
            throw new ProblemException(Problems.of(
                    ProblemType.PRODUCT_UNAVAILABLE,
                    "Product " + product + " cannot be bought"
                            + (found != null && found.published() ? " in " + properties.currency() : "")));
        }
        switch (store.add(user, product, quantity)) {
            case CartStore.AddResult.Added added -> {}
            case CartStore.AddResult.TooMany tooMany ->
                throw new ProblemException(Problems.of(
                        ProblemType.CONFLICT,
                        "The cart holds " + tooMany.current() + " of product " + product + "; adding " + quantity
                                + " would exceed " + CartLimits.MAX_QUANTITY + " per product"));
            case CartStore.AddResult.CartFull full ->
                throw new ProblemException(Problems.of(
                        ProblemType.CONFLICT,
                        "The cart holds " + CartLimits.MAX_LINES + " products, the most it can; remove one first"));
        }
    }

    /** Sets the quantity of a product in the cart; 0 removes it. */
    void set(UserId user, UUID product, int quantity) {
        if (!store.set(user, product, quantity)) {
            throw ProblemException.notFound("Cart line for product", product);
        }
    }

    void remove(UserId user, UUID product) {
        store.remove(user, product);
    }

    void clear(UserId user) {
        store.clear(user);
    }
}
