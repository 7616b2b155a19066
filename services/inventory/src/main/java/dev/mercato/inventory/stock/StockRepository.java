package dev.mercato.inventory.stock;

import dev.mercato.inventory.domain.MovementKind;
import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.domain.StockLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stock rows and the ledger of their movements. */
@Repository
public class StockRepository {

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the stock rows of these SKUs until the transaction ends, in SKU order (every caller locks in the same
     * order, so two transactions never wait for each other in a circle). Unknown SKUs are left out.
     */
    public Map<Sku, StockLevel> lock(Collection<Sku> skus) {
        return levels("select sku, on_hand, reserved from stock where sku = any(?) order by sku for update", skus);
    }

    public Map<Sku, StockLevel> find(Collection<Sku> skus) {
        return levels("select sku, on_hand, reserved from stock where sku = any(?) order by sku", skus);
    }

    public Optional<StockLevel> find(Sku sku) {
        return Optional.ofNullable(find(List.of(sku)).get(sku));
    }

    /** Creates the SKU with nothing on hand if it is new; the caller locks it next. */
    public void create(Sku sku) {
        jdbc.sql("insert into stock (sku, on_hand) values (?, 0) on conflict (sku) do nothing")
                .param(sku.value())
                .update();
    }

    /**
     * Applies the changes to the (locked) stock rows and appends them to the ledger, in one statement. Several
     * changes of one SKU are summed for the row and kept apart in the ledger.
     */
    public void apply(List<Posting> postings, String actor) {
        if (postings.isEmpty()) {
            return;
        }
        int n = postings.size();
        String[] skus = new String[n];
        String[] kinds = new String[n];
        Integer[] onHand = new Integer[n];
        Integer[] reserved = new Integer[n];
        UUID[] orders = new UUID[n];
        for (int i = 0; i < n; i++) {
            Posting posting = postings.get(i);
            skus[i] = posting.change().sku().value();
            kinds[i] = posting.change().kind().name();
            onHand[i] = posting.change().onHandDelta();
            reserved[i] = posting.change().reservedDelta();
            orders[i] = posting.order() == null ? null : posting.order().value();
        }
        int written = jdbc.sql("""
                        with change as (
                            select * from unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::uuid[])
                                with ordinality as c (sku, kind, on_hand_delta, reserved_delta, order_id, n)
                        ),
                        updated as (
                            update stock s
                            set on_hand = s.on_hand + t.on_hand_delta, reserved = s.reserved + t.reserved_delta,
                                version = s.version + 1, updated_at = now()
                            from (select sku, sum(on_hand_delta) as on_hand_delta, sum(reserved_delta) as reserved_delta
                                  from change group by sku) t
                            where s.sku = t.sku
                            returning s.sku
                        )
                        insert into stock_movement (sku, kind, on_hand_delta, reserved_delta, order_id, actor)
                        select c.sku, c.kind, c.on_hand_delta, c.reserved_delta, c.order_id, ?
                        from change c
                        where c.sku in (select sku from updated)
                        order by c.n
                        """)
                .params(skus, kinds, onHand, reserved, orders, actor)
                .update();
        if (written != n) {
            throw new IllegalStateException("stock rows missing for " + n + " postings; " + written + " written");
        }
    }

    /** A SKU's movements after the given id, oldest first. */
    public List<Movement> movements(Sku sku, long afterId, int limit) {
        return jdbc.sql("""
                        select id, sku, kind, on_hand_delta, reserved_delta, order_id, actor, at
                        from stock_movement where sku = ? and id > ? order by id limit ?
                        """)
                .params(sku.value(), afterId, limit)
                .query(StockRepository::movement)
                .list();
    }

    private Map<Sku, StockLevel> levels(String sql, Collection<Sku> skus) {
        String[] values = skus.stream().map(Sku::value).sorted().toArray(String[]::new);
        Map<Sku, StockLevel> levels = new LinkedHashMap<>();
        jdbc.sql(sql).param(values).query(rs -> {
            Sku sku = new Sku(rs.getString("sku"));
            levels.put(sku, new StockLevel(sku, rs.getInt("on_hand"), rs.getInt("reserved")));
        });
        return levels;
    }

    private static Movement movement(ResultSet rs, int row) throws SQLException {
        Timestamp at = rs.getTimestamp("at");
        return new Movement(
                rs.getLong("id"),
                rs.getString("sku"),
                MovementKind.valueOf(rs.getString("kind")),
                rs.getInt("on_hand_delta"),
                rs.getInt("reserved_delta"),
                rs.getObject("order_id", UUID.class),
                rs.getString("actor"),
                at.toInstant());
    }
}
