package dev.mercato.messaging.outbox;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The {@code headers} column: envelope metadata and extra AMQP headers of an outbox message. */
record StoredHeaders(
        @Nullable String correlationId,
        @Nullable String causationId,
        @Nullable String traceparent,
        Map<String, Object> amqp) {

    StoredHeaders {
        amqp = amqp == null ? Map.of() : amqp;
    }
}
