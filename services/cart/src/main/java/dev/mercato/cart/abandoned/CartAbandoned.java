package dev.mercato.cart.abandoned;

import dev.mercato.cart.cart.AbandonedCart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cart.abandoned} v1 (contracts/events/cart.abandoned.v1.json), as an AMQP message in the platform's envelope
 * (libs/messaging's: message-id, {@code type} with its version, timestamp and {@code x-occurred-at}, correlation id,
 * JSON body, persistent). The message id is derived from the cart and its version, so a reminder published twice (the
 * broker's confirm lost, the job's lock expired under a slow run) is one message id, which consumers keep once.
 */
record CartAbandoned(String userId, long cartVersion, Instant idleSince, List<Item> items, int units) {

    static final String TYPE = "cart.abandoned";
    static final int VERSION = 1;

    record Item(String productId, int quantity) {}

    static CartAbandoned of(AbandonedCart cart) {
        List<Item> items = cart.items().entrySet().stream()
                .map(line -> new Item(line.getKey().toString(), line.getValue()))
                .sorted(Comparator.comparing(Item::productId))
                .toList();
        int units = items.stream().mapToInt(Item::quantity).sum();
        return new CartAbandoned(cart.user().toString(), cart.version(), cart.idleSince(), items, units);
    }

    UUID messageId() {
        return UUID.nameUUIDFromBytes((TYPE + ":" + userId + ":" + cartVersion).getBytes(StandardCharsets.UTF_8));
    }

    Message toMessage(JsonMapper json, Instant now) {
        MessageProperties properties = new MessageProperties();
        String id = messageId().toString();
        properties.setMessageId(id);
        properties.setType(TYPE + ".v" + VERSION);
        properties.setTimestamp(Date.from(now));
        properties.setHeader("x-occurred-at", now.toString());
        properties.setCorrelationId(id);
        properties.setAppId("cart");
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(json.writeValueAsBytes(this), properties);
    }
}
