package dev.mercato.cart.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OrderCreatedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheUserAndTheCheckedOutVersion() {
        UUID user = UUID.randomUUID();

        OrderCreated event = OrderCreated.from(JSON.readTree("""
                {"orderId": "o-1", "userId": "%s", "cartVersion": 1763750000042, "lines": [], "total": {}}
                """.formatted(user)));

        assertThat(event.userId().value()).isEqualTo(user);
        assertThat(event.cartVersion()).isEqualTo(1763750000042L);
        assertThat(event.orderId()).isEqualTo("o-1");
    }

    @Test
    void rejectsBodiesWithoutAUsableUserOrVersion() {
        String user = UUID.randomUUID().toString();
        for (String body : new String[] {
            "{}",
            "{\"userId\": \"" + user + "\"}",
            "{\"userId\": \"" + user + "\", \"cartVersion\": \"3\"}",
            "{\"userId\": \"" + user + "\", \"cartVersion\": -1}",
            "{\"userId\": \"nobody\", \"cartVersion\": 3}",
            "{\"userId\": 42, \"cartVersion\": 3}"
        }) {
            assertThatThrownBy(() -> OrderCreated.from(JSON.readTree(body)))
                    .as(body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
