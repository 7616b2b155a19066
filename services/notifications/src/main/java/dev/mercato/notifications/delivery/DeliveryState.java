package dev.mercato.notifications.delivery;

/**
 * Where one (event, channel) notification stands. SENDING is taken before the mail goes to SMTP and left only once
 * the server's answer is known: SENT (accepted), RETRYING (refused for now or unreachable: not delivered, tried
 * again), FAILED (refused for good). A row still SENDING after its attempt ended is in doubt and never sent again.
 */
public enum DeliveryState {
    SENDING,
    SENT,
    RETRYING,
    FAILED
}
