package dev.mercato.documents.report;

import java.util.Map;
import java.util.UUID;

/**
 * A sales report request on the headers exchange {@code mercato.documents}, the second document type: the headers
 * {@code type=report}, {@code format=csv} route it to the report queue, never to the invoice workers.
 */
public record SalesReport(UUID reportId) {

    public static final String MESSAGE_TYPE = "documents.sales-report";
    public static final Map<String, Object> HEADERS = Map.of("type", "report", "format", "csv");
}
