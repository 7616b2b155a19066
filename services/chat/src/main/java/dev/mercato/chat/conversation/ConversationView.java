package dev.mercato.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation as the caller sees it.
 *
 * @param kind {@code support} (a customer's conversation with the agent who claimed it) or {@code room}
 * @param assigneeId the agent who claimed a support conversation; null while it waits in the queue, and for rooms
 * @param lastSeq the sequence number of the newest message (0: none yet)
 * @param readSeq the caller's read marker
 * @param unread messages from others after the caller's read marker
 */
public record ConversationView(
        UUID id,
        String kind,
        String subject,
        UUID createdBy,
        @Nullable UUID assigneeId,
        List<UUID> members,
        long lastSeq,
        long readSeq,
        long unread,
        Instant createdAt,
        @Nullable Instant lastMessageAt) {

    public ConversationView {
        members = List.copyOf(members);
    }
}
