package dev.mercato.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock invariants of the README, as SQL: each query lists the rows that break one, so every query must come back
 * empty.
 */
public final class LedgerInvariants {

    static final String NEGATIVE_STOCK =
            "select sku from stock where on_hand < 0 or reserved < 0 or reserved > on_hand";

    static final String LEDGER_OUT_OF_BALANCE = """
            select s.sku from stock s
            left join (select sku, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved
                       from stock_movement group by sku) m on m.sku = s.sku
            where s.on_hand <> coalesce(m.on_hand, 0) or s.reserved <> coalesce(m.reserved, 0)
            """;

    static final String RESERVED_NOT_HELD = """
            select s.sku from stock s
            left join (select l.sku, sum(l.quantity) as held
                       from reservation_line l join reservation r on r.order_id = l.order_id
                       where r.state = 'RESERVED' group by l.sku) h on h.sku = s.sku
            where s.reserved <> coalesce(h.held, 0)
            """;

    static final String NOT_CONSERVED = """
            select s.sku from stock s
            left join (select l.sku, sum(l.quantity) as committed
                       from reservation_line l join reservation r on r.order_id = l.order_id
                       where r.state = 'COMMITTED' group by l.sku) c on c.sku = s.sku
            left join (select sku, sum(on_hand_delta) as adjusted
                       from stock_movement where kind = 'ADJUST' group by sku) a on a.sku = s.sku
            where s.on_hand + coalesce(c.committed, 0) <> coalesce(a.adjusted, 0)
            """;

    static final String RESERVATION_MOVEMENTS_WRONG = """
            select l.order_id::text || ' ' || l.sku from reservation r
            join reservation_line l on l.order_id = r.order_id
            left join (select order_id, sku, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved,
                              count(*) filter (where kind = 'RESERVE') as reserves
                       from stock_movement where order_id is not null group by order_id, sku) m
                   on m.order_id = l.order_id and m.sku = l.sku
            where case r.state
                when 'REJECTED' then m.order_id is not null
                when 'RESERVED' then m.reserves is distinct from 1 or m.reserved <> l.quantity or m.on_hand <> 0
                when 'COMMITTED' then m.reserves is distinct from 1 or m.reserved <> 0 or m.on_hand <> -l.quantity
                else m.reserves is distinct from 1 or m.reserved <> 0 or m.on_hand <> 0
            end
            """;

    static final String MOVEMENTS_WITHOUT_RESERVATION = """
            select m.id::text from stock_movement m
            where m.order_id is not null
              and not exists (select 1 from reservation_line l where l.order_id = m.order_id and l.sku = m.sku)
            """;

    private LedgerInvariants() {}

    public static void check(JdbcClient jdbc) {
        for (String query : List.of(
                NEGATIVE_STOCK,
                LEDGER_OUT_OF_BALANCE,
                RESERVED_NOT_HELD,
                NOT_CONSERVED,
                RESERVATION_MOVEMENTS_WRONG,
                MOVEMENTS_WITHOUT_RESERVATION)) {
            assertThat(jdbc.sql(query).query(String.class).list())
                    .as("rows breaking an invariant: %s", query)
                    .isEmpty();
        }
    }
}
