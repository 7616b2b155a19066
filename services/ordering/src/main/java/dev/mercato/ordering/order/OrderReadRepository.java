package dev.mercato.ordering.order;

import dev.mercato.ordering.domain.DecimalMoney;
import dev.mercato.ordering.domain.Money;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What customers read of their orders: one order, its state for a conditional read, a page of a user's orders. These
 * run on a connection pool of their own ({@link OrderReadsConfiguration}), so reads of accepted orders never wait
 * behind checkouts and saga steps that fill the service's main pool.
 */
public class OrderReadRepository {

    private static final String VIEW = """
            select o.id, o.seq, o.user_id, o.status, o.cancellation_reason, o.currency, o.total_minor, o.ship_name,
                   o.ship_line1, o.ship_line2, o.ship_city, o.ship_postal_code, o.ship_country, o.created_at,
                   o.updated_at, s.step
            from orders o join saga s on s.order_id = o.id
            """;

    private final JdbcClient jdbc;

    OrderReadRepository(DataSource pool) {
        this.jdbc = JdbcClient.create(pool);
    }

    /** The order with its owner, or empty. */
    Optional<Owned> find(OrderId id) {
        return withItems(jdbc.sql(VIEW + " where o.id = ?")
                        .param(id.value())
                        .query(OrderReadRepository::head)
                        .list())
                .stream()
                .findFirst();
    }

    /**
     * What can change of an order, and its owner, in one primary-key lookup: enough to answer a conditional read
     * ({@code If-None-Match}) without reading the order's lines.
     */
    Optional<State> state(OrderId id) {
        return jdbc.sql("""
                        select o.user_id, o.status, s.step, o.cancellation_reason, o.updated_at
                        from orders o join saga s on s.order_id = o.id where o.id = ?""")
                .param(id.value())
                .query((rs, n) -> new State(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        new OrderVersion(
                                rs.getString("status"),
                                rs.getString("step"),
                                rs.getString("cancellation_reason"),
                                rs.getTimestamp("updated_at").toInstant())))
                .optional();
    }

    record State(UserId owner, OrderVersion version) {}

    /** A user's orders, newest first, strictly older than position {@code before}; one more than asked if any. */
    List<Owned> page(UserId user, long before, int limit) {
        return withItems(jdbc.sql(VIEW + " where o.user_id = ? and o.seq < ? order by o.seq desc limit ?")
                .params(user.value(), before, limit + 1)
                .query(OrderReadRepository::head)
                .list());
    }

    record Owned(UserId owner, long position, OrderView view) {}

    /** An order's row, its view still without items. */
    private record Head(UserId owner, long position, String currency, OrderView view) {}

    /**
     * The orders' lines in one more query, after the orders' query has ended: reading them from inside its row mapper
     * took a second pooled connection (outside a transaction) while the first was still held, and enough concurrent
     * reads then waited on each other until the pool timed out.
     */
    private List<Owned> withItems(List<Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> currencies = new HashMap<>();
        heads.forEach(h -> currencies.put(h.view().id(), h.currency()));
        Map<UUID, List<OrderView.Item>> items = new HashMap<>();
        jdbc.sql("""
                        select order_id, product_id, sku, name, quantity, unit_price_minor from order_line
                        where order_id in (:ids) order by order_id, line_no""").param("ids", List.copyOf(currencies.keySet())).query(r -> {
            UUID order = r.getObject("order_id", UUID.class);
            Money unit = Money.of(r.getLong("unit_price_minor"), currencies.get(order));
            int quantity = r.getInt("quantity");
            items.computeIfAbsent(order, o -> new ArrayList<>())
                    .add(new OrderView.Item(
                            r.getString("product_id"),
                            r.getString("sku"),
                            r.getString("name"),
                            quantity,
                            DecimalMoney.of(unit),
                            DecimalMoney.of(unit.times(quantity))));
        });
        return heads.stream()
                .map(h -> {
                    OrderView v = h.view();
                    return new Owned(
                            h.owner(),
                            h.position(),
                            new OrderView(
                                    v.id(),
                                    v.status(),
                                    v.stage(),
                                    items.getOrDefault(v.id(), List.of()),
                                    v.total(),
                                    v.shippingAddress(),
                                    v.createdAt(),
                                    v.updatedAt(),
                                    v.cancellationReason()));
                })
                .toList();
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("currency").trim();
        OrderView view = new OrderView(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("step"),
                List.of(),
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
        return new Head(new UserId(rs.getObject("user_id", UUID.class)), rs.getLong("seq"), currency, view);
    }
}
