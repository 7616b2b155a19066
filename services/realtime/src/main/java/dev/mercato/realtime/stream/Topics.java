package dev.mercato.realtime.stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Parses {@code topics=orders,notifications,chat,product:<id>} for a caller; duplicates count once. */
final class Topics {

    private Topics() {}

    /**
     * @return the topics by channel, in the order given
     * @throws IllegalArgumentException naming what is wrong: missing, empty, unknown, malformed or too many
     */
    static Map<String, Topic> parse(String text, UUID caller, int max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("name at least one topic: orders, notifications, chat or product:<id>");
        }
        return parseEach(List.of(text.split(",", -1)), caller, max);
    }

    /** The same for topics given one by one (a WebSocket's subscribe). */
    static Map<String, Topic> parseEach(List<String> names, UUID caller, int max) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one topic: orders, notifications, chat or product:<id>");
        }
        Map<String, Topic> byChannel = new LinkedHashMap<>();
        for (String raw : names) {
            Topic topic = one(raw.trim(), caller);
            byChannel.putIfAbsent(topic.channel(), topic);
            if (byChannel.size() > max) {
                throw new IllegalArgumentException("at most " + max + " topics");
            }
        }
        return byChannel;
    }

    /** Validates before the caller is known (a ticket is not spent on a bad request). */
    static void check(String text, int max) {
        parse(text, new UUID(0, 0), max);
    }

    private static Topic one(String name, UUID caller) {
        if (name.equals(Topic.ORDERS)) {
            return Topic.orders(caller);
        }
        if (name.equals(Topic.CHAT)) {
            return Topic.chat(caller);
        }
        if (name.equals(Topic.NOTIFICATIONS)) {
            return Topic.notifications(caller);
        }
        if (name.startsWith(Topic.PRODUCT)) {
            String id = name.substring(Topic.PRODUCT.length());
            try {
                UUID productId = UUID.fromString(id);
                if (productId.toString().equalsIgnoreCase(id)) {
                    return Topic.product(productId);
                }
            } catch (IllegalArgumentException notAUuid) {
                // answered below
            }
            throw new IllegalArgumentException("'" + name + "': a product topic is product:<product id (UUID)>");
        }
        throw new IllegalArgumentException("'" + name + "' is not a topic; topics are "
                + List.of("orders", "notifications", "chat", "product:<id>"));
    }
}
