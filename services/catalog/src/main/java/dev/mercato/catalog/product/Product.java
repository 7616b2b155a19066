package dev.mercato.catalog.product;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A product as an admin edits it: every translation, when it is published, and the version its {@code ETag} carries.
 *
 * @param category the category's slug
 * @param publishAt when the product became or becomes visible to the public
 * @param published whether it is visible to the public now; false while it waits for its {@code publishAt}
 */
public record Product(
        UUID id,
        String sku,
        String category,
        Map<String, String> names,
        Map<String, String> descriptions,
        Money price,
        String imageUrl,
        boolean inStock,
        Instant publishAt,
        boolean published,
        int version,
        Instant createdAt,
        Instant updatedAt) {}
