package dev.mercato.cart.checkout;

import dev.mercato.cart.cart.UserId;
import tools.jackson.databind.JsonNode;

/**
 * The part of {@code order.created} v1 (contracts/events/order.created.v1.json) cart needs: whose cart was checked out,
 * at which version.
 */
record OrderCreated(String orderId, UserId userId, long cartVersion) {

    /** @throws IllegalArgumentException when the body lacks a field or one is malformed */
    static OrderCreated from(JsonNode body) {
        JsonNode user = body.path("userId");
        JsonNode version = body.path("cartVersion");
        if (!user.isString() || !version.isIntegralNumber() || version.asLong() < 0) {
            throw new IllegalArgumentException("order.created needs a string userId and a cartVersion >= 0");
        }
        return new OrderCreated(body.path("orderId").asString(""), UserId.parse(user.asString()), version.asLong());
    }
}
