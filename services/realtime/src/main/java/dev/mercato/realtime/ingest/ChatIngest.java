package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.chat.ChatMembers;
import dev.mercato.realtime.history.EventLog;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer of chat's events ({@code chat.message}, {@code chat.read} v1): each is appended to the {@code chat}
 * channel of every recipient ({@link ChatEvents}), from which any instance delivers it and a reconnecting client
 * resumes, and the members it names are remembered for typing and presence ({@link ChatMembers}). Idempotent as
 * {@link EventIngest} is: the inbox, and the append script's seen-marker per message id; recording members twice
 * changes nothing.
 */
@Component
class ChatIngest implements MessageHandler {

    private final EventLog log;
    private final ChatMembers members;
    private final ChatEvents chat;

    ChatIngest(EventLog log, ChatMembers members, JsonMapper json) {
        this.log = log;
        this.members = members;
        this.chat = new ChatEvents(json);
    }

    @Override
    public void handle(Envelope envelope) {
        if (envelope.version() != 1 || !ChatEvents.handles(envelope.type())) {
            return;
        }
        ChatEvents.Translated translated;
        try {
            translated = chat.translate(envelope);
        } catch (IllegalArgumentException unreadable) {
            throw new PermanentMessageFailure(envelope.qualifiedType() + ": " + unreadable.getMessage(), unreadable);
        }
        members.record(translated.conversationId(), translated.members());
        log.append(translated.events());
    }
}
