package dev.mercato.ordering.idempotency;

import dev.mercato.ordering.domain.OrderId;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The first response to a request with an idempotency key, stored with the key and replayed byte for byte.
 *
 * @param order the order the first request created, if any: its URL is the response's {@code Location}
 */
public record StoredResponse(
        int status,
        String body,
        String contentType,
        @Nullable OrderId order) {

    static final String REPLAYED = "Idempotent-Replayed";

    public @Nullable String location() {
        return order == null ? null : "/v1/orders/" + order;
    }

    ResponseEntity<byte[]> toResponse(boolean replayed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        if (order != null) {
            headers.set(HttpHeaders.LOCATION, location());
        }
        if (replayed) {
            headers.set(REPLAYED, "true");
        }
        return ResponseEntity.status(status).headers(headers).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
