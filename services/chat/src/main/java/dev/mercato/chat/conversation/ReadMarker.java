package dev.mercato.chat.conversation;

import java.util.UUID;

/** How far a member has read a conversation. */
public record ReadMarker(UUID conversationId, UUID userId, long seq) {}
