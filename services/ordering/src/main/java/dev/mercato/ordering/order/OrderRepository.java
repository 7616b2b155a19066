package dev.mercato.ordering.order;

import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.saga.SagaOrders;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code orders} and {@code order_line} tables, their one owner (the saga changes them through {@link SagaOrders}). */
@Repository
public class OrderRepository implements SagaOrders {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewOrder order) {
        NewOrder.Address a = order.shippingAddress();
        jdbc.sql("""
                insert into orders (id, user_id, status, cart_version, currency, total_minor, ship_name, ship_line1,
                                    ship_line2, ship_city, ship_postal_code, ship_country)
                values (?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        order.id().value(),
                        order.user().value(),
                        order.cartVersion(),
                        order.total().currency(),
                        order.total().minor(),
                        a.name(),
                        a.line1(),
                        a.line2(),
                        a.city(),
                        a.postalCode(),
                        a.country())
                .update();
        int lineNo = 0;
        for (NewOrder.Line line : order.lines()) {
            jdbc.sql("""
                    insert into order_line (order_id, line_no, product_id, sku, name, quantity, unit_price_minor)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """)
                    .params(
                            order.id().value(),
                            ++lineNo,
                            line.productId(),
                            line.sku(),
                            line.name(),
                            line.quantity(),
                            line.unitPrice().minor())
                    .update();
        }
    }

    @Override
    public SagaOrders.Summary summary(OrderId id) {
        return jdbc.sql("select user_id, status, currency, total_minor, provider_payment_id, created_at from orders"
                        + " where id = ?")
                .param(id.value())
                .query((rs, n) -> new SagaOrders.Summary(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        OrderStatus.valueOf(rs.getString("status")),
                        Money.of(
                                rs.getLong("total_minor"),
                                rs.getString("currency").trim()),
                        rs.getString("provider_payment_id"),
                        rs.getTimestamp("created_at").toInstant()))
                .single();
    }

    @Override
    public List<SagaOrder.Line> lines(OrderId id) {
        return jdbc.sql("select sku, quantity from order_line where order_id = ? order by line_no")
                .param(id.value())
                .query((rs, n) -> new SagaOrder.Line(rs.getString("sku"), rs.getInt("quantity")))
                .list();
    }

    @Override
    public void finish(
            OrderId id, OrderStatus status, @Nullable CancellationReason reason, @Nullable String providerPaymentId) {
        jdbc.sql("""
                update orders set status = :status, cancellation_reason = :reason,
                    provider_payment_id = coalesce(:payment, provider_payment_id), updated_at = now()
                where id = :id
                """)
                .param("status", status.name())
                .param("reason", reason == null ? null : reason.code())
                .param("payment", providerPaymentId)
                .param("id", id.value())
                .update();
    }

    @Override
    public void paymentAuthorized(OrderId id, String providerPaymentId) {
        jdbc.sql("update orders set provider_payment_id = ?, updated_at = now() where id = ?")
                .params(providerPaymentId, id.value())
                .update();
    }
}
