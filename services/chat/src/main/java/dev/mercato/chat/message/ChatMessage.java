package dev.mercato.chat.message;

import java.time.Instant;
import java.util.UUID;

/** A stored message: its body exactly as it was sent, as text. */
public record ChatMessage(long seq, UUID id, String clientMessageId, UUID senderId, String body, Instant sentAt) {}
