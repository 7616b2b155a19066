package dev.mercato.chat.events;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Appends {@code chat.message} and {@code chat.read} v1 (schemas in {@code contracts/events/}) to the outbox in the
 * transaction that stores the message or moves the read marker, for the realtime channel to deliver to each of the
 * {@code recipients} (the conversation's members when it happened). Aggregate id = conversation id, so one
 * conversation's events are published in the order they were stored (the writers lock the conversation's row first).
 */
@Component
public class ChatEvents {

    public static final String MESSAGE = "chat.message";
    public static final String READ = "chat.read";

    private final Outbox outbox;

    ChatEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void messageStored(MessageStored message) {
        outbox.append(OutgoingMessage.event(MESSAGE, 1, "conversation", message.conversationId(), message)
                .occurredAt(message.sentAt()));
    }

    public void readMarked(ReadMarked marker) {
        outbox.append(OutgoingMessage.event(READ, 1, "conversation", marker.conversationId(), marker)
                .occurredAt(marker.at()));
    }

    public record MessageStored(
            UUID conversationId,
            long seq,
            UUID id,
            String clientMessageId,
            UUID senderId,
            String body,
            Instant sentAt,
            List<UUID> recipients) {}

    public record ReadMarked(UUID conversationId, UUID userId, long seq, Instant at, List<UUID> recipients) {}
}
