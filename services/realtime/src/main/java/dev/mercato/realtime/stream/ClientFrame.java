package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.StreamId;
import dev.mercato.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a WebSocket client sends (api.md, Real-time): one JSON object per text frame, named by its {@code type}. */
sealed interface ClientFrame {

    /** Follow these topics; with {@code since}, first what they had after that event id (or a reset). */
    record Subscribe(List<String> topics, @Nullable StreamId since) implements ClientFrame {}

    record Unsubscribe(List<String> topics) implements ClientFrame {}

    /** A fresh access token, so the connection outlives the one it was opened with. */
    record Auth(String token) implements ClientFrame {}

    /** The caller is typing in this conversation: the other members' sockets are told, nothing is stored. */
    record Typing(UUID conversationId) implements ClientFrame {}

    /**
     * @param maxBytes the largest frame accepted (its UTF-8 length)
     * @throws BadFrame saying what is wrong: too large, not JSON, not an object, an unknown type, a missing or
     *     malformed member
     */
    static ClientFrame parse(String text, int maxBytes, JsonMapper json) {
        if (text.length() > maxBytes || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            throw new BadFrame(ProblemType.VALIDATION, "a frame holds at most " + maxBytes + " bytes");
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException malformed) {
            throw new BadFrame(ProblemType.MALFORMED_BODY, "a frame is one JSON object");
        }
        if (frame == null || !frame.isObject()) {
            throw new BadFrame(ProblemType.MALFORMED_BODY, "a frame is one JSON object");
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            throw new BadFrame(ProblemType.VALIDATION, "type: required, one of subscribe, unsubscribe, auth, typing");
        }
        return switch (type.asString()) {
            case "subscribe" -> new Subscribe(topics(frame), since(frame));
            case "unsubscribe" -> new Unsubscribe(topics(frame));
            case "auth" -> new Auth(token(frame));
            case "typing" -> new Typing(conversationId(frame));
            default ->
                throw new BadFrame(
                        ProblemType.VALIDATION,
                        "type: '" + abbreviated(type.asString())
                                + "' is not one of subscribe, unsubscribe, auth, typing");
        };
    }

    private static List<String> topics(JsonNode frame) {
        JsonNode topics = frame.get("topics");
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw new BadFrame(
                    ProblemType.VALIDATION,
                    "topics: a non-empty array of orders, notifications, chat and product:<id>");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode topic : topics) {
            if (!topic.isString()) {
                throw new BadFrame(ProblemType.VALIDATION, "topics: each topic is a string");
            }
            names.add(topic.asString());
        }
        return names;
    }

    private static @Nullable StreamId since(JsonNode frame) {
        JsonNode since = frame.get("since");
        if (since == null || since.isNull()) {
            return null;
        }
        if (!since.isString()) {
            throw new BadFrame(ProblemType.VALIDATION, "since: an event id like 1700000000000-0");
        }
        try {
            return StreamId.parse(since.asString());
        } catch (IllegalArgumentException invalid) {
            throw new BadFrame(ProblemType.VALIDATION, "since: " + abbreviated(invalid.getMessage()));
        }
    }

    private static UUID conversationId(JsonNode frame) {
        JsonNode id = frame.get("conversationId");
        if (id != null && id.isString()) {
            try {
                UUID conversation = UUID.fromString(id.asString());
                if (conversation.toString().equalsIgnoreCase(id.asString())) {
                    return conversation;
                }
            } catch (IllegalArgumentException notAUuid) {
                // answered below
            }
        }
        throw new BadFrame(ProblemType.VALIDATION, "conversationId: required, a conversation id (UUID)");
    }

    private static String token(JsonNode frame) {
        JsonNode token = frame.get("token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new BadFrame(ProblemType.VALIDATION, "token: required, a fresh access token");
        }
        return token.asString();
    }

    /** What the client sent, quoted in an error, kept short. */
    static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** A frame the server cannot act on: answered with an error frame, the connection stays. */
    final class BadFrame extends RuntimeException {

        private final ProblemType type;

        BadFrame(ProblemType type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }

        ProblemType type() {
            return type;
        }
    }
}
