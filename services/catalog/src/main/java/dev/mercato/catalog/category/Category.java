package dev.mercato.catalog.category;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A category as an admin edits it: every translation of its name, and the version its {@code ETag} carries.
 *
 * @param position where it is listed: lower first
 */
public record Category(
        UUID id,
        String slug,
        Map<String, String> names,
        int position,
        int version,
        Instant createdAt,
        Instant updatedAt) {}
