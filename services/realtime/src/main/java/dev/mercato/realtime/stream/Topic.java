package dev.mercato.realtime.stream;

import dev.mercato.realtime.ingest.Channels;
import java.util.UUID;

/**
 * A topic as a client names it ({@code orders}, {@code chat}, {@code product:<id>}) and the channel it reads for a
 * caller.
 */
record Topic(String name, String channel) {

    static final String ORDERS = "orders";
    static final String CHAT = "chat";
    static final String NOTIFICATIONS = "notifications";
    static final String PRODUCT = "product:";

    /** The caller's own orders: the channel is the caller's, so no one follows another user's orders. */
    static Topic orders(UUID caller) {
        return new Topic(ORDERS, Channels.orders(caller));
    }

    /** The caller's own in-app notifications. */
    static Topic notifications(UUID caller) {
        return new Topic(NOTIFICATIONS, Channels.notifications(caller));
    }

    /** The caller's own chat: the messages, read markers and presence of their conversations. */
    static Topic chat(UUID caller) {
        return new Topic(CHAT, Channels.chat(caller));
    }

    /** The topic a channel's events are sent under: every user's orders (chat) channel is their {@code orders} ({@code chat}). */
    static String nameOf(String channel) {
        if (channel.startsWith(ORDERS + ":")) {
            return ORDERS;
        }
        if (channel.startsWith(NOTIFICATIONS + ":")) {
            return NOTIFICATIONS;
        }
        return channel.startsWith(CHAT + ":") ? CHAT : channel;
    }

    static Topic product(UUID productId) {
        return new Topic(PRODUCT + productId, Channels.product(productId));
    }
}
