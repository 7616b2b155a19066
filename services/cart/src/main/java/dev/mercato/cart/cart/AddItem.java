package dev.mercato.cart.cart;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /v1/cart/items}. */
record AddItem(
        @NotNull
        @Pattern(
                regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
                message = "must be a UUID")
        String productId,

        @NotNull @Min(1) @Max(CartLimits.MAX_QUANTITY) Integer quantity) {}
