package dev.mercato.notifications.delivery;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Appends {@code notification.created} v1 (schema in {@code contracts/events/}) to the outbox in the transaction that
 * records the in-app notification, for the realtime channel to push to the user's {@code notifications} topic.
 * Aggregate id = user id, so one user's notifications are published in the order they were made.
 */
@Component
class InAppEvents {

    static final String CREATED = "notification.created";

    private final Outbox outbox;

    InAppEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void created(NotificationCreated notification) {
        outbox.append(OutgoingMessage.event(CREATED, 1, "user", notification.userId(), notification)
                .occurredAt(notification.createdAt()));
    }

    /**
     * @param eventId the event it tells about: one in-app notification per event
     * @param title in the user's language (the mail's subject)
     * @param orderId the order it is about, null when it is about none (an abandoned cart)
     */
    record NotificationCreated(
            UUID userId,
            UUID eventId,
            String eventType,
            String template,
            String locale,
            String title,
            @Nullable UUID orderId,
            Instant createdAt) {}
}
