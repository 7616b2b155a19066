package dev.mercato.ordering.domain;

import java.util.Objects;
import java.util.UUID;

public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /** The refund of this order: derived, so a retried refund is the same refund at payment. */
    public UUID refundId() {
        return UUID.nameUUIDFromBytes(("order-refund:" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
