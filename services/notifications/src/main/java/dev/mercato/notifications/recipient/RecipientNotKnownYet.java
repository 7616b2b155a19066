package dev.mercato.notifications.recipient;

/**
 * An event for a user (or order) this service has not heard of yet: identity's user.registered, or ordering's
 * order event, is still on its way. Not permanent: the message is retried with backoff until it is.
 */
public class RecipientNotKnownYet extends RuntimeException {

    RecipientNotKnownYet(String message) {
        super(message);
    }
}
