package dev.mercato.realtime.ingest;

import java.util.UUID;

/** The channel names events are appended to; the stream feature maps a client's topics onto the same names. */
public final class Channels {

    private Channels() {}

    /** One user's orders: only that user ever subscribes to it. */
    public static String orders(UUID userId) {
        return "orders:" + userId;
    }

    public static String product(UUID productId) {
        return "product:" + productId;
    }
}
