package dev.mercato.ordering.checkout;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The first response to a checkout, as stored with its idempotency key and replayed byte for byte. */
record StoredResponse(String requestHash, int status, String body, String contentType, String location) {

    static final String REPLAYED = "Idempotent-Replayed";

    ResponseEntity<byte[]> toResponse(boolean replayed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, location);
        }
        if (replayed) {
            headers.set(REPLAYED, "true");
        }
        return ResponseEntity.status(status).headers(headers).body(body.getBytes(StandardCharsets.UTF_8));
    }
}
