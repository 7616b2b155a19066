package dev.mercato.ordering.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mercato.ordering.domain.DecimalMoney;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@code GET /v1/orders/{id}}: the order as its customer sees it; {@code stage} is the saga's current step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        UUID id,
        String status,
        String stage,
        List<Item> items,
        DecimalMoney total,
        NewOrder.Address shippingAddress,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String cancellationReason) {

    public record Item(
            String productId, String sku, String name, int quantity, DecimalMoney unitPrice, DecimalMoney lineTotal) {}
}
