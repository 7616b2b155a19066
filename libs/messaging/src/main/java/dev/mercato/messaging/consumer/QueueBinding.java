package dev.mercato.messaging.consumer;

import java.util.Map;

/**
 * A binding of a consumer's work queue: by routing key (topic, direct) or by headers (headers exchange, all of them
 * must match).
 */
public record QueueBinding(String exchange, String routingKey, Map<String, Object> headers) {

    public QueueBinding {
        headers = Map.copyOf(headers);
    }

    public boolean byHeaders() {
        return !headers.isEmpty();
    }
}
