package dev.mercato.catalog.grpc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ids a lookup asks for: 1 to 100 UUIDs (duplicates count once). */
final class ProductIdsRequest {

    static final int MAX_IDS = 100;

    private ProductIdsRequest() {}

    /** @throws IllegalArgumentException (INVALID_ARGUMENT) for none, too many or a malformed id */
    static Set<UUID> parse(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("product_ids must not be empty");
        }
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("product_ids holds " + ids.size() + " ids, at most " + MAX_IDS);
        }
        Set<UUID> parsed = new LinkedHashSet<>();
        for (String id : ids) {
            parsed.add(uuid(id));
        }
        return parsed;
    }

    private static UUID uuid(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (!parsed.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("product id is not a UUID: " + id);
        }
    }
}
