package dev.mercato.chat.conversation;

import java.util.List;
import java.util.UUID;

/**
 * A caller's membership of a conversation, read with the conversation's row locked when a message is about to take
 * the next sequence number.
 *
 * @param lastSeq the sequence number of the conversation's newest message (0: none yet)
 * @param members everyone who receives its events, the caller included
 */
public record Membership(UUID conversationId, UUID userId, long lastSeq, List<UUID> members) {

    public Membership {
        members = List.copyOf(members);
    }
}
