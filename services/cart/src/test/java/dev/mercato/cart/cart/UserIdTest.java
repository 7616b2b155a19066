package dev.mercato.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void parsesCanonicalUuids() {
        UUID id = UUID.randomUUID();

        assertThat(UserId.parse(id.toString()).value()).isEqualTo(id);
        assertThat(UserId.parse(id.toString().toUpperCase()).value()).isEqualTo(id);
    }

    @Test
    void rejectsAnythingElse() {
        for (String text : new String[] {"", "42", "1-2-3-4-5", "not-a-uuid"}) {
            assertThatThrownBy(() -> UserId.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
