package dev.mercato.inventory.reservation;

import dev.mercato.inventory.domain.Line;
import dev.mercato.inventory.domain.Lines;
import dev.mercato.inventory.domain.OrderId;
import dev.mercato.inventory.domain.Reservation;
import dev.mercato.inventory.domain.ReservationState;
import dev.mercato.inventory.domain.Shortage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reservations by order id, with their lines. */
@Repository
public class ReservationRepository {

    private final JdbcClient jdbc;

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the order id for a new reservation and writes its lines, in one statement. A concurrent call for the same
     * order waits here until the first one's transaction ends and then finds the id taken: only one of them ever moves
     * stock.
     *
     * @return false if the order already has a reservation
     */
    public boolean claim(OrderId order, Lines lines, Instant expiresAt) {
        String[] skus = lines.all().stream().map(line -> line.sku().value()).toArray(String[]::new);
        Integer[] quantities = lines.all().stream().map(Line::quantity).toArray(Integer[]::new);
        return jdbc.sql("""
                                with claimed as (
                                    insert into reservation (order_id, state, expires_at) values (?, 'RESERVED', ?)
                                    on conflict (order_id) do nothing
                                    returning order_id
                                )
                                insert into reservation_line (order_id, sku, quantity)
                                select claimed.order_id, l.sku, l.quantity
                                from claimed cross join unnest(?::text[], ?::int[]) as l (sku, quantity)
                                """)
                        .params(order.value(), Timestamp.from(expiresAt), skus, quantities)
                        .update()
                > 0;
    }

    /** Remembers a Release that came before any Reserve. @return false if the order has a reservation after all */
    public boolean insertReleased(OrderId order) {
        return jdbc.sql("insert into reservation (order_id, state) values (?, 'RELEASED') on conflict do nothing")
                        .param(order.value())
                        .update()
                == 1;
    }

    public Optional<Reservation> find(OrderId order) {
        return load("select order_id, state, expires_at from reservation where order_id = ?", order).stream()
                .findFirst();
    }

    /** Locks the reservation until the transaction ends: calls for one order are serialized. */
    public Optional<Reservation> lock(OrderId order) {
        return load("select order_id, state, expires_at from reservation where order_id = ? for update", order).stream()
                .findFirst();
    }

    /**
     * Claims up to {@code limit} RESERVED reservations past their expiry, locked; rows another instance holds are
     * skipped, so instances share the work without waiting for each other.
     */
    public List<Reservation> lockDue(Instant now, int limit) {
        return load("""
                select order_id, state, expires_at from reservation
                where state = 'RESERVED' and expires_at <= ?
                order by expires_at
                limit ?
                for update skip locked
                """, Timestamp.from(now), limit);
    }

    /** Records that a claimed reservation was rejected, with what was available of each short line. */
    public void saveRejection(Reservation reservation) {
        for (Shortage shortage : reservation.shortages()) {
            jdbc.sql("update reservation_line set short_available = ? where order_id = ? and sku = ?")
                    .params(
                            shortage.available(),
                            reservation.orderId().value(),
                            shortage.sku().value())
                    .update();
        }
        updateState(List.of(reservation));
    }

    public void updateState(List<Reservation> reservations) {
        for (Reservation reservation : reservations) {
            jdbc.sql("update reservation set state = ?, expires_at = ?, updated_at = now() where order_id = ?")
                    .params(
                            reservation.state().name(),
                            reservation.expiresAt() == null ? null : Timestamp.from(reservation.expiresAt()),
                            reservation.orderId().value())
                    .update();
        }
    }

    private List<Reservation> load(String sql, Object... params) {
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            values[i] = params[i] instanceof OrderId id ? id.value() : params[i];
        }
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql(sql).params(values).query(rs -> {
            Timestamp expiresAt = rs.getTimestamp("expires_at");
            UUID id = rs.getObject("order_id", UUID.class);
            rows.put(
                    id,
                    new Row(
                            ReservationState.valueOf(rs.getString("state")),
                            expiresAt == null ? null : expiresAt.toInstant()));
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Line>> lines = new HashMap<>();
        Map<UUID, List<Shortage>> shortages = new HashMap<>();
        jdbc.sql("select order_id, sku, quantity, short_available from reservation_line where order_id = any(?)"
                        + " order by order_id, sku")
                .param(rows.keySet().toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("order_id", UUID.class);
                    Line line = Line.of(rs.getString("sku"), rs.getInt("quantity"));
                    lines.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
                    Integer available = (Integer) rs.getObject("short_available");
                    if (available != null) {
                        shortages
                                .computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Shortage(line.sku(), line.quantity(), available));
                    }
                });
        return rows.entrySet().stream()
                .map(row -> Reservation.restore(
                        new OrderId(row.getKey()),
                        row.getValue().state(),
                        lines.getOrDefault(row.getKey(), List.of()),
                        row.getValue().expiresAt(),
                        shortages.getOrDefault(row.getKey(), List.of())))
                .toList();
    }

    private record Row(ReservationState state, Instant expiresAt) {}
}
