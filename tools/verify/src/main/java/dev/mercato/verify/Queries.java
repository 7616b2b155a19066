package dev.mercato.verify;

/** The SQL the checker runs against each service's tables (see each service's README for its schema). */
final class Queries {

    static final String PENDING_ORDERS = "select count(*) from orders where status not in ('CONFIRMED', 'CANCELLED')";

    static final String ORDERS = """
            select o.id, o.status, coalesce(s.step || ' ' || s.status, 'no saga'), o.created_at, o.total_minor,
                   o.cancellation_reason
            from orders o left join saga s on s.order_id = o.id""";

    /**
     * A key is unique per user by the primary key, so a second effect of one key would be an order that did not come
     * through exactly one key: look at the orders younger than the keys' retention (48 h).
     */
    static final String ORDERS_WITHOUT_ONE_KEY = """
            select 'order ' || o.id || ' has ' || count(k.order_id) || ' idempotency keys' from orders o
            left join idempotency_key k on k.order_id = o.id
            where o.created_at > now() - interval '24 hours'
            group by o.id having count(k.order_id) <> 1""";

    static final String PAYMENTS = "select order_id, status, amount, captured_amount, refunded_amount from payment";

    /** payment sends the order as merchant reference {@code order-<uuid>}. */
    static final String PROVIDER_PAYMENTS = """
            select id, regexp_replace(merchant_reference, '^order-', ''), status, amount, captured_amount,
                   refunded_amount
            from payment""";

    static final String STOCK = "select sku, on_hand, reserved from stock";

    static final String LEDGER = "select sku, sum(on_hand_delta), sum(reserved_delta) from stock_movement group by sku";

    static final String OPENLY_RESERVED = """
            select line.sku, sum(line.quantity) from reservation r
            join reservation_line line on line.order_id = r.order_id
            where r.state = 'RESERVED' group by line.sku""";

    static final String RESERVATIONS = "select order_id, state from reservation";

    private Queries() {}
}
