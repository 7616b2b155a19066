package dev.mercato.cart.cart;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reminder queued for a cart left alone: whose, at which version, idle since when, with what in it.
 *
 * @param entryId its place in the reminder outbox
 */
public record AbandonedCart(String entryId, UserId user, long version, Instant idleSince, Map<UUID, Integer> items) {

    public AbandonedCart {
        items = Map.copyOf(items);
    }
}
