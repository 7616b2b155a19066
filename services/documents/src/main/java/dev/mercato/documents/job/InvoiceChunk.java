package dev.mercato.documents.job;

import java.util.Map;
import java.util.UUID;

/**
 * A chunk of a bulk invoice job, the body of a message on the headers exchange {@code mercato.documents}: routed by
 * the headers {@code type=invoice} and {@code format=pdf}, not by a routing key.
 */
public record InvoiceChunk(UUID jobId, int chunk) {

    public static final String MESSAGE_TYPE = "documents.invoice-chunk";
    public static final Map<String, Object> HEADERS = Map.of("type", "invoice", "format", "pdf");
}
