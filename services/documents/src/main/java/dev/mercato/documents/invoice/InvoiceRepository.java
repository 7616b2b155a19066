package dev.mercato.documents.invoice;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InvoiceRepository {

    private static final String COLUMNS = "invoice_id, order_id, user_id, number, render_count";

    private final JdbcClient jdbc;

    InvoiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The orders' invoices, numbered on first sight ({@code INV-<year>-<sequence>}). */
    List<Invoice> ensure(Collection<OrderOwner> orders) {
        String[] ids = orders.stream().map(o -> o.order().toString()).toArray(String[]::new);
        String[] users = orders.stream().map(o -> o.user().toString()).toArray(String[]::new);
        jdbc.sql("""
                        insert into invoice (invoice_id, order_id, user_id, number)
                        select gen_random_uuid(), o.id, o.usr,
                               'INV-' || to_char(now() at time zone 'UTC', 'YYYY') || '-'
                                   || lpad(nextval('invoice_number')::text, 7, '0')
                        from unnest(cast(:ids as uuid[]), cast(:users as uuid[])) as o(id, usr)
                        where not exists (select 1 from invoice i where i.order_id = o.id)
                        on conflict (order_id) do nothing
                        """).param("ids", ids).param("users", users).update();
        return jdbc.sql("select " + COLUMNS + " from invoice where order_id = any(cast(? as uuid[]))")
                .param(ids)
                .query(Invoice.class)
                .list();
    }

    /** Counts one committed render of each of these invoices. */
    void rendered(Collection<UUID> invoices) {
        jdbc.sql("""
                        update invoice set render_count = render_count + 1, rendered_at = now()
                        where invoice_id = any(cast(? as uuid[]))
                        """)
                .param(invoices.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** The order's invoice once it has been rendered, if the order is this user's. */
    Optional<Invoice> rendered(UUID order, UUID user) {
        return jdbc.sql("select " + COLUMNS + " from invoice where order_id = ? and user_id = ? and render_count > 0")
                .params(order, user)
                .query(Invoice.class)
                .optional();
    }

    Optional<Invoice> forOrder(UUID order) {
        return jdbc.sql("select " + COLUMNS + " from invoice where order_id = ?")
                .param(order)
                .query(Invoice.class)
                .optional();
    }

    record OrderOwner(UUID order, UUID user) {}
}
