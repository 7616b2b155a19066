package dev.mercato.documents.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What an invoice shows of an order, as ordering's order.created and order.confirmed carried it. */
public record OrderCopy(
        UUID orderId,
        UUID userId,
        List<Line> lines,
        BigDecimal total,
        String currency,
        Instant createdAt,
        @Nullable Instant confirmedAt) {

    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}
}
