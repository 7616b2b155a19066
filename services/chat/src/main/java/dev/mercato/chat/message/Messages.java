package dev.mercato.chat.message;

import dev.mercato.chat.conversation.Caller;
import dev.mercato.chat.conversation.Conversations;
import dev.mercato.chat.conversation.Membership;
import dev.mercato.chat.events.ChatEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending and reading messages. A message is stored, given the conversation's next sequence number and announced
 * ({@code chat.message}) in one transaction that first locks the conversation's row: senders of one conversation take
 * turns, so the sequence has no gaps and one order, and a retry with the same client message id, even one racing the
 * first attempt, finds the stored message instead of storing a second.
 */
@Service
public class Messages {

    /** A send's outcome: the stored message, and whether this request stored it (false: a retry found it). */
    public record Sent(ChatMessage message, boolean created) {}

    /** One page of history, oldest first, and whether more lies further in the direction asked for. */
    public record Page(List<ChatMessage> items, boolean more) {}

    private final Conversations conversations;
    private final MessageRepository messages;
    private final ChatEvents events;

    Messages(Conversations conversations, MessageRepository messages, ChatEvents events) {
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
    }

    @Transactional
    public Sent send(UUID conversation, Caller sender, String clientMessageId, String body) {
        Membership membership = conversations.member(conversation, sender, true);
        Optional<ChatMessage> earlier = messages.byClientMessageId(conversation, sender.id(), clientMessageId);
        if (earlier.isPresent()) {
            return new Sent(earlier.get(), false);
        }
        long seq = messages.nextSeq(conversation);
        ChatMessage message = new ChatMessage(
                seq,
                UUID.randomUUID(),
                clientMessageId,
                sender.id(),
                body,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        messages.insert(conversation, message);
        events.messageStored(new ChatEvents.MessageStored(
                conversation,
                message.seq(),
                message.id(),
                message.clientMessageId(),
                message.senderId(),
                message.body(),
                message.sentAt(),
                membership.members()));
        return new Sent(message, true);
    }

    /** Up to {@code limit} messages after {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public Page after(UUID conversation, Caller reader, long seq, int limit) {
        conversations.member(conversation, reader, false);
        List<ChatMessage> rows = messages.after(conversation, seq, limit + 1);
        return new Page(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
    }

    /** The {@code limit} messages just before {@code seq}, oldest first. */
    @Transactional(readOnly = true)
    public Page before(UUID conversation, Caller reader, long seq, int limit) {
        conversations.member(conversation, reader, false);
        List<ChatMessage> rows = messages.before(conversation, seq, limit + 1);
        List<ChatMessage> shown = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        java.util.Collections.reverse(shown);
        return new Page(shown, rows.size() > limit);
    }
}
