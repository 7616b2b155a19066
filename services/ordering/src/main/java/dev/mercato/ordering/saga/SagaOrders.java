package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.UserId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the saga reads and changes of an order. The {@code orders} table has one owner (the order package, which
 * implements this); the saga owns only the {@code saga} table. Callers own the transactions.
 */
public interface SagaOrders {

    /** The order as it is now. */
    Summary summary(OrderId id);

    /** What the order's lines ask inventory for, in line order. */
    List<SagaOrder.Line> lines(OrderId id);

    /** The saga finished: the order is confirmed or cancelled. */
    void finish(
            OrderId id, OrderStatus status, @Nullable CancellationReason reason, @Nullable String providerPaymentId);

    /** The provider's payment id, learned on the way. */
    void paymentAuthorized(OrderId id, String providerPaymentId);

    record Summary(
            UserId userId,
            OrderStatus status,
            Money total,
            @Nullable String providerPaymentId,
            Instant createdAt) {}
}
