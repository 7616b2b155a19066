package dev.mercato.realtime.ingest;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The channel names events are appended to; the stream feature maps a client's topics onto the same names. */
public final class Channels {

    private static final String CHAT = "chat:";

    private Channels() {}

    /** One user's orders: only that user ever subscribes to it. */
    public static String orders(UUID userId) {
        return "orders:" + userId;
    }

    /** One user's in-app notifications: only that user ever subscribes to it. */
    public static String notifications(UUID userId) {
        return "notifications:" + userId;
    }

    /** One user's chat: the messages and read markers of every conversation they belong to. */
    public static String chat(UUID userId) {
        return CHAT + userId;
    }

    /** The user whose chat channel this is, or null for another channel. */
    public static @Nullable UUID chatUser(String channel) {
        return channel.startsWith(CHAT) ? UUID.fromString(channel.substring(CHAT.length())) : null;
    }

    public static String product(UUID productId) {
        return "product:" + productId;
    }
}
