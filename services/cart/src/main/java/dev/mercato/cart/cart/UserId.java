package dev.mercato.cart.cart;

import java.util.Objects;
import java.util.UUID;

/** The owner of a cart: the subject of the user's access token. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a UUID in its canonical form */
    public static UserId parse(String text) {
        UUID parsed = UUID.fromString(text);
        if (!parsed.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a UUID: " + text);
        }
        return new UserId(parsed);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
