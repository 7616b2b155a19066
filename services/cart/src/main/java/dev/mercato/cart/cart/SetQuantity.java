package dev.mercato.cart.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /v1/cart/items/{productId}}: 0 removes the line. */
record SetQuantity(
        @NotNull @Min(0) @Max(CartLimits.MAX_QUANTITY) Integer quantity) {}
