package dev.mercato.messaging.deadletter.web;

import dev.mercato.messaging.consumer.MessageHeaders;
import dev.mercato.messaging.deadletter.DeadLetter;
import dev.mercato.messaging.deadletter.DeadLetterQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON documents of the dead-letter admin API. */
public final class DeadLetterViews {

    private DeadLetterViews() {}

    public record Queues(List<Queue> items) {}

    /**
     * @param queue the consumer's work queue, where a replay sends messages
     * @param deadLetterQueue its DLQ
     * @param depth messages parked in it
     */
    public record Queue(String queue, String deadLetterQueue, long depth) {
        static Queue of(DeadLetterQueue dlq) {
            return new Queue(dlq.queue(), dlq.deadLetterQueue(), dlq.depth());
        }
    }

    /** The head of a DLQ ({@code items}, oldest first), left in place. */
    public record Messages(String queue, String deadLetterQueue, long depth, List<Message> items) {}

    /**
     * A parked message.
     *
     * @param attempts deliveries made before it was parked
     * @param error class and message of the last failure; {@code null} when the broker dead-lettered it itself
     * @param payload the body as JSON; {@code null} when it is not JSON, and then {@code payloadText} holds it
     * @param headers every AMQP header, values as text (the broker's {@code x-death} included)
     */
    public record Message(
            @Nullable String messageId,
            @Nullable String type,
            @Nullable String correlationId,
            int attempts,
            @Nullable String error,
            @Nullable String errorClass,
            @Nullable Instant failedAt,
            @Nullable String originalQueue,
            @Nullable JsonNode payload,
            @Nullable String payloadText,
            Map<String, String> headers) {

        static Message of(DeadLetter letter, JsonMapper json) {
            JsonNode payload = parse(letter.body(), json);
            return new Message(
                    letter.messageId(),
                    letter.type(),
                    letter.correlationId(),
                    letter.attempts(),
                    letter.error(),
                    letter.headers().get(MessageHeaders.ERROR_CLASS),
                    letter.failedAt(),
                    letter.originalQueue(),
                    payload,
                    payload == null ? letter.body() : null,
                    letter.headers());
        }

        private static @Nullable JsonNode parse(String body, JsonMapper json) {
            if (body.isBlank()) {
                return null;
            }
            try {
                JsonNode node = json.readTree(body);
                return node == null || node.isMissingNode() ? null : node;
            } catch (JacksonException e) {
                return null;
            }
        }
    }

    public record Replayed(int replayed) {}

    public record Purged(int purged) {}
}
