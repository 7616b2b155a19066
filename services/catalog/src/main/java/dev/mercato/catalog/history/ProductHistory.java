package dev.mercato.catalog.history;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every product event as one entry of that product's history, readable by admins. Fed by the
 * {@code catalog.product-history} consumer: the library runs {@link #record} and the inbox insert in one transaction,
 * so each event is recorded once however often it is delivered.
 */
@Component
public class ProductHistory {

    private final ProductHistoryRepository changes;

    ProductHistory(ProductHistoryRepository changes) {
        this.changes = changes;
    }

    /** One entry of a product's history: what changed, the version after it, and the request that caused it. */
    public record Change(String change, int version, Instant occurredAt, String requestId, JsonNode product) {}

    public void record(Envelope event) {
        JsonNode payload = event.payload();
        if (!payload.hasNonNull("productId") || !payload.hasNonNull("version")) {
            throw new PermanentMessageFailure(event.type() + " without productId or version");
        }
        UUID productId;
        try {
            productId = UUID.fromString(payload.get("productId").asString());
        } catch (IllegalArgumentException malformed) {
            throw new PermanentMessageFailure(event.type() + " with a malformed productId", malformed);
        }
        String change = event.type().substring(event.type().lastIndexOf('.') + 1);
        changes.insert(
                event.messageId(),
                productId,
                change,
                payload.get("version").asInt(),
                event.occurredAt(),
                event.correlationId(),
                payload);
    }

    public List<Change> of(UUID productId) {
        return changes.of(productId);
    }
}
