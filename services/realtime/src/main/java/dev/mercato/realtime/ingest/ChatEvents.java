package dev.mercato.realtime.ingest;

import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.Publication;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat's {@code chat.message} and {@code chat.read} v1 (contracts/events) as the same events on the {@code chat}
 * channel of each of their {@code recipients} (the conversation's members when it happened): the payload as chat
 * published it, less {@code recipients}. Not ordered by an aggregate version as orders are: every message counts, so a
 * late one is appended rather than dropped, and clients place and de-duplicate each by {@code (conversationId, seq)}.
 */
final class ChatEvents {

    static final String MESSAGE = "chat.message";
    static final String READ = "chat.read";

    private final JsonMapper json;

    ChatEvents(JsonMapper json) {
        this.json = json;
    }

    static boolean handles(String type) {
        return MESSAGE.equals(type) || READ.equals(type);
    }

    /** @throws IllegalArgumentException when the body lacks the conversation, its seq or its recipients */
    Translated translate(Envelope envelope) {
        JsonNode body = envelope.payload();
        UUID conversationId = Fields.uuid(body, "conversationId");
        Fields.integer(body, "seq");
        JsonNode listed = body.path("recipients");
        if (!listed.isArray()) {
            throw new IllegalArgumentException("recipients must be an array of user ids");
        }
        Set<UUID> recipients = new LinkedHashSet<>();
        for (JsonNode recipient : listed) {
            if (!recipient.isString()) {
                throw new IllegalArgumentException("recipients must be an array of user ids");
            }
            try {
                recipients.add(UUID.fromString(recipient.asString()));
            } catch (IllegalArgumentException notAUuid) {
                throw new IllegalArgumentException("recipients: '" + recipient.asString() + "' is not a UUID");
            }
        }
        ObjectNode data = ((ObjectNode) body).deepCopy();
        data.remove("recipients");
        String text = json.writeValueAsString(data);
        List<Publication> publications = new ArrayList<>(recipients.size());
        for (UUID recipient : recipients) {
            publications.add(Publication.always(Channels.chat(recipient), envelope.type(), text));
        }
        return new Translated(
                conversationId, List.copyOf(recipients), new Appendable(envelope.messageId(), null, 0, publications));
    }

    /**
     * @param members the conversation's members this event names
     * @param events what the recipients' channels receive
     */
    record Translated(UUID conversationId, List<UUID> members, Appendable events) {}
}
