package dev.mercato.ordering.order;

import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An order as checkout creates it: PENDING, with the cart's lines and prices at that moment. */
public record NewOrder(
        OrderId id, UserId user, long cartVersion, List<Line> lines, Money total, Address shippingAddress) {

    public record Line(String productId, String sku, String name, int quantity, Money unitPrice) {

        public Money lineTotal() {
            return unitPrice.times(quantity);
        }
    }

    public record Address(
            String name, String line1, @Nullable String line2, String city, String postalCode, String country) {}
}
