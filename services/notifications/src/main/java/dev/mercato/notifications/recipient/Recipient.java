package dev.mercato.notifications.recipient;

import java.util.Locale;
import java.util.UUID;

/** Who a user's mails go to, and in which language: identity's account as of its user.registered event. */
public record Recipient(UUID userId, String email, String name, String locale) {

    public Locale language() {
        return Locale.forLanguageTag(locale);
    }
}
