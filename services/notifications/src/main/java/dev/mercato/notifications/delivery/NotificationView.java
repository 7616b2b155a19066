package dev.mercato.notifications.delivery;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A notification as the admin API lists it. */
public record NotificationView(
        UUID eventId,
        String eventType,
        String channel,
        String recipient,
        String template,
        String locale,
        String subject,
        DeliveryState state,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt) {}
