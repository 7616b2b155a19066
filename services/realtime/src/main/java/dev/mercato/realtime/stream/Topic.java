package dev.mercato.realtime.stream;

import dev.mercato.realtime.ingest.Channels;
import java.util.UUID;

/** A topic as a client names it ({@code orders}, {@code product:<id>}) and the channel it reads for a caller. */
record Topic(String name, String channel) {

    static final String ORDERS = "orders";
    static final String PRODUCT = "product:";

    /** The caller's own orders: the channel is the caller's, so no one follows another user's orders. */
    static Topic orders(UUID caller) {
        return new Topic(ORDERS, Channels.orders(caller));
    }

    /** The topic a channel's events are sent under: every user's orders channel is their {@code orders}. */
    static String nameOf(String channel) {
        return channel.startsWith(ORDERS + ":") ? ORDERS : channel;
    }

    static Topic product(UUID productId) {
        return new Topic(PRODUCT + productId, Channels.product(productId));
    }
}
