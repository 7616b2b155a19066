package dev.mercato.messaging.deadletter;

import dev.mercato.messaging.consumer.MessageHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * A message parked in a dead-letter queue, as an operator sees it.
 *
 * @param attempts deliveries made before it was parked
 * @param error class and message of the last failure ({@code null} when the broker dead-lettered it itself)
 * @param headers all headers, values as text
 * @param body the payload as text
 */
public record DeadLetter(
        @Nullable String messageId,
        @Nullable String type,
        @Nullable String correlationId,
        int attempts,
        @Nullable String error,
        @Nullable Instant failedAt,
        @Nullable String originalQueue,
        Map<String, String> headers,
        String body) {

    static DeadLetter of(Message message) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, String> headers = new LinkedHashMap<>();
        properties.getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
        return new DeadLetter(
                properties.getMessageId(),
                properties.getType(),
                properties.getCorrelationId(),
                MessageHeaders.attempt(message),
                headers.get(MessageHeaders.ERROR),
                instant(headers.get(MessageHeaders.FAILED_AT)),
                headers.get(MessageHeaders.ORIGINAL_QUEUE),
                Map.copyOf(headers),
                new String(message.getBody(), StandardCharsets.UTF_8));
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
