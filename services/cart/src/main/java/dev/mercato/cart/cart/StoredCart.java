package dev.mercato.cart.cart;

import java.util.Map;
import java.util.UUID;

/**
 * A cart as Redis holds it: quantities per product, no prices (they are read from catalog every time).
 *
 * @param version increases with every change; 0 for a user who never had a cart
 */
public record StoredCart(Map<UUID, Integer> quantities, long version) {

    public StoredCart {
        quantities = Map.copyOf(quantities);
    }

    public boolean isEmpty() {
        return quantities.isEmpty();
    }
}
