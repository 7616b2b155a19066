package dev.mercato.ordering.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the saga's calls need to know about the order. */
public record SagaOrder(
        OrderId id, List<Line> lines, Money total, @Nullable String paymentToken) {

    public record Line(String sku, int quantity) {}
}
