package dev.mercato.ordering.order;

import dev.mercato.ordering.domain.DecimalMoney;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code orders} and {@code order_line} tables. */
@Repository
public class OrderRepository {

    private static final String VIEW = """
            select o.id, o.seq, o.user_id, o.status, o.cancellation_reason, o.currency, o.total_minor, o.ship_name,
                   o.ship_line1, o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country, o.created_at,
                   o.updated_at, s.step
            from orders o join saga s on s.order_id = o.id
            """;

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

    /** The order with its owner, or empty. */
    Optional<Owned> find(OrderId id) {
        return jdbc.sql(VIEW + " where o.id = ?")
                .param(id.value())
                .query(this::owned)
                .optional();
    }

    /** A user's orders, newest first, strictly older than position {@code before}; one more than asked if any. */
    List<Owned> page(UserId user, long before, int limit) {
        return jdbc.sql(VIEW + " where o.user_id = ? and o.seq < ? order by o.seq desc limit ?")
                .params(user.value(), before, limit + 1)
                .query(this::owned)
                .list();
    }

    record Owned(UserId owner, long position, OrderView view) {}

    private Owned owned(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String currency = rs.getString("currency").trim();
        List<OrderView.Item> items = jdbc.sql("""
                        select product_id, sku, name, quantity, unit_price_minor from order_line
                        where order_id = ? order by line_no""")
                .param(id)
                .query((r, n) -> {
                    Money unit = Money.of(r.getLong("unit_price_minor"), currency);
                    int quantity = r.getInt("quantity");
                    return new OrderView.Item(
                            r.getString("product_id"),
                            r.getString("sku"),
                            r.getString("name"),
                            quantity,
                            DecimalMoney.of(unit),
                            DecimalMoney.of(unit.times(quantity)));
                })
                .list();
        OrderView view = new OrderView(
                id,
                rs.getString("status"),
                rs.getString("step"),
                items,
                DecimalMoney.of(Money.of(rs.getLong("total_minor"), currency)),
                new NewOrder.Address(
                        rs.getString("ship_name"),
                        rs.getString("ship_line1"),
                        rs.getString("ship_line2"),
                        rs.getString("ship_city"),
                        rs.getString("ship_postal_code"),
                        rs.getString("ship_country").trim()),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("cancellation_reason"));
        return new Owned(new UserId(rs.getObject("user_id", UUID.class)), rs.getLong("seq"), view);
    }
}
