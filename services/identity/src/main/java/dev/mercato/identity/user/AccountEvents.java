package dev.mercato.identity.user;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Appends {@code user.registered} v1 (schema in {@code contracts/events/}) to the outbox in the registration's
 * transaction. It carries what other services need to write to the user (e-mail, language), so that they keep their
 * own copy instead of calling identity for every message. Aggregate id = user id.
 */
@Component
class AccountEvents {

    private final Outbox outbox;

    AccountEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void registered(User user) {
        outbox.append(OutgoingMessage.event(
                "user.registered",
                1,
                "user",
                user.id(),
                new Registered(user.id(), user.email(), user.name(), user.locale())));
    }

    record Registered(UUID userId, String email, String name, String locale) {}
}
