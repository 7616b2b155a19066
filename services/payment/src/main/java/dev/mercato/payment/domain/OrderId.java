package dev.mercato.payment.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The ordering service's order id; at the provider it is the merchant reference {@code order-<uuid>}. */
public record OrderId(UUID value) {

    private static final String PREFIX = "order-";

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId of(String value) {
        return new OrderId(UUID.fromString(value));
    }

    public String merchantReference() {
        return PREFIX + value;
    }

    /** The order a provider merchant reference names, if it is one of ours. */
    public static Optional<OrderId> fromMerchantReference(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OrderId(UUID.fromString(reference.substring(PREFIX.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
