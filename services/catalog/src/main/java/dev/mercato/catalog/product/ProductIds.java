package dev.mercato.catalog.product;

import java.util.Optional;
import java.util.UUID;

final class ProductIds {

    private ProductIds() {}

    /** A malformed id names no product: callers answer it like an unknown one (404), not as a bad request. */
    static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
