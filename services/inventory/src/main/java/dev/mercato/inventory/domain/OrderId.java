package dev.mercato.inventory.domain;

import java.util.Objects;
import java.util.UUID;

public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "order id");
    }

    /** @throws IllegalArgumentException for anything but a UUID */
    public static OrderId parse(String text) {
        try {
            if (text == null || text.length() != 36) {
                throw new IllegalArgumentException();
            }
            return new OrderId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order_id must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
