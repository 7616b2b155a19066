package dev.mercato.identity.user;

import java.util.List;
import java.util.UUID;

/** An account as its owner sees it. */
record UserView(UUID id, String email, String name, List<String> roles, String locale) {

    static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.name(), user.roles(), user.locale());
    }
}
