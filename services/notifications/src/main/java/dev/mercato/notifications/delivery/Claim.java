package dev.mercato.notifications.delivery;

/** What the notification row allows an attempt to do. */
enum Claim {
    /** No row yet, or the last attempt is known not to have delivered: send. */
    SEND,
    /** Sent before: nothing to do. */
    ALREADY_SENT,
    /** A previous attempt took the claim and never recorded the server's answer: it may have sent. Do not send. */
    IN_DOUBT
}
