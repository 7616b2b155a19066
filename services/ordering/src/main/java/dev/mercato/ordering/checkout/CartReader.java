package dev.mercato.ordering.checkout;

import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.UserId;
import java.util.List;

/** The user's cart, priced now. Throws {@link CartUnavailable} when it cannot be read. */
public interface CartReader {

    Cart cart(UserId user);

    record Cart(List<Line> lines, long version) {}

    record Line(String productId, String sku, String name, int quantity, Money unitPrice) {}

    final class CartUnavailable extends RuntimeException {
        public CartUnavailable(String message) {
            super(message);
        }
    }
}
