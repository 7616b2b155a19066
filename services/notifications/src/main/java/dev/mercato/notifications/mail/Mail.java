package dev.mercato.notifications.mail;

import dev.mercato.notifications.recipient.Recipient;
import java.util.Map;

/** A mail to write: which template, to whom (and so in which language), and the values the template shows. */
public record Mail(MailTemplate template, Recipient recipient, Map<String, Object> values) {

    public Mail {
        values = Map.copyOf(values);
    }
}
