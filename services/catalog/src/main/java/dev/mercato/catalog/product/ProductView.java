package dev.mercato.catalog.product;

import java.util.UUID;

/** A product as clients see it, in one language. */
public record ProductView(
        UUID id,
        String sku,
        String name,
        String description,
        String category,
        Money price,
        String imageUrl,
        boolean inStock) {}
