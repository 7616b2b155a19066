package dev.mercato.cart.abandoned;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.cart.cart.AbandonedCart;
import dev.mercato.cart.cart.UserId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The body of cart.abandoned matches its schema in contracts/events; its message id is the cart's version's. */
class EventContractTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void cartAbandoned() {
        JsonNode schema = JSON.readTree(
                Path.of("../../contracts/events/cart.abandoned.v1.json").toFile());
        List<String> fields = Arrays.stream(CartAbandoned.class.getRecordComponents())
                .map(c -> c.getName())
                .toList();
        List<String> required =
                schema.get("required").valueStream().map(JsonNode::asString).toList();

        assertThat(fields).containsExactlyInAnyOrderElementsOf(required);
        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);

        UUID mug = UUID.randomUUID();
        UUID lamp = UUID.randomUUID();
        UserId user = new UserId(UUID.randomUUID());
        CartAbandoned event = CartAbandoned.of(
                new AbandonedCart("1-0", user, 42, Instant.parse("2026-12-01T10:15:30.123Z"), Map.of(mug, 2, lamp, 1)));
        JsonNode body = JSON.readTree(event.toMessage(JSON, Instant.now()).getBody());

        assertThat(body.get("idleSince").asString()).isEqualTo("2026-12-01T10:15:30.123Z");
        assertThat(body.get("units").asInt()).isEqualTo(3);
        assertThat(body.get("items").size()).isEqualTo(2);
        assertThat(body.get("items").get(0).propertyNames()).containsExactly("productId", "quantity");
        assertThat(event.messageId())
                .as("the same cart version, the same message id")
                .isEqualTo(CartAbandoned.of(new AbandonedCart("2-0", user, 42, Instant.now(), Map.of(mug, 1)))
                        .messageId())
                .isNotEqualTo(CartAbandoned.of(new AbandonedCart("3-0", user, 43, Instant.now(), Map.of(mug, 1)))
                        .messageId());
    }
}
