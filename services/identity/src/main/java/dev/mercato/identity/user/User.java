package dev.mercato.identity.user;

import java.util.List;
import java.util.UUID;

/** An account. The password hash never leaves this service. */
public record User(UUID id, String email, String name, String passwordHash, List<String> roles, String locale) {

    public User {
        roles = List.copyOf(roles);
    }
}
