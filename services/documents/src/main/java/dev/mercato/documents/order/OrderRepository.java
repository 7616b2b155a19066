package dev.mercato.documents.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** This service's copy of the orders (table {@code order_copy}), written only from ordering's events. */
@Repository
public class OrderRepository {

    private static final TypeReference<List<OrderCopy.Line>> LINES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** From order.created: inserted once, a redelivery changes nothing. */
    public void created(OrderCopy order) {
        jdbc.sql("""
                        insert into order_copy (order_id, user_id, lines, total_amount, currency, created_at)
                        values (:id, :user, cast(:lines as jsonb), :total, :currency, :created)
                        on conflict (order_id) do nothing
                        """)
                .param("id", order.orderId())
                .param("user", order.userId())
                .param("lines", json.writeValueAsString(order.lines()))
                .param("total", order.total())
                .param("currency", order.currency())
                .param("created", Timestamp.from(order.createdAt()))
                .update();
    }

    /** From order.confirmed; false when order.created has not arrived yet. */
    public boolean confirmed(UUID order, Instant at) {
        return jdbc.sql("update order_copy set confirmed_at = coalesce(confirmed_at, ?) where order_id = ?")
                        .params(Timestamp.from(at), order)
                        .update()
                > 0;
    }

    public Optional<OrderCopy> find(UUID order) {
        return jdbc.sql("select * from order_copy where order_id = ?")
                .param(order)
                .query(this::copy)
                .optional();
    }

    /** The confirmed ones among these orders, in no particular order. */
    public List<OrderCopy> confirmedAmong(List<UUID> orders) {
        return jdbc.sql("select * from order_copy where order_id = any(cast(? as uuid[])) and confirmed_at is not null")
                .param(orders.stream().map(UUID::toString).toArray(String[]::new))
                .query(this::copy)
                .list();
    }

    /** Confirmed orders by day and currency in [from, to): the rows of a sales report. */
    public List<DailySales> salesByDay(Instant from, Instant to) {
        return jdbc.sql("""
                        select (confirmed_at at time zone 'UTC')::date as day, currency, count(*) as orders,
                               sum(total_amount) as total
                        from order_copy
                        where confirmed_at >= ? and confirmed_at < ?
                        group by 1, 2 order by 1, 2
                        """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new DailySales(
                        rs.getObject("day", java.time.LocalDate.class),
                        rs.getString("currency"),
                        rs.getLong("orders"),
                        rs.getBigDecimal("total")))
                .list();
    }

    private OrderCopy copy(ResultSet rs, int row) throws SQLException {
        Timestamp confirmed = rs.getTimestamp("confirmed_at");
        BigDecimal total = rs.getBigDecimal("total_amount");
        return new OrderCopy(
                rs.getObject("order_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                json.readValue(rs.getString("lines"), LINES),
                total,
                rs.getString("currency"),
                rs.getTimestamp("created_at").toInstant(),
                confirmed == null ? null : confirmed.toInstant());
    }
}
