package dev.mercato.e2e.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Row count and checksum of every table a service's aggregates live in (its {@code public} schema), read straight from
 * its database: two snapshots that differ mean something was stored. Bookkeeping tables that change on their own
 * (migrations, outbox and inbox, sessions and throttles) are left out, and so are the columns a scheduled job moves on
 * its own; the libraries' schemas ({@code messaging}, and {@code jobs} with its locks and the record of scheduled
 * runs) are not read.
 */
public final class StoreSnapshot {

    private static final Pattern BOOKKEEPING =
            Pattern.compile("flyway.*|.*outbox.*|.*inbox.*|.*refresh.*|.*throttle.*|.*session.*|.*lock.*");

    /**
     * Per table, the columns a scheduled job moves on its own in rows no request changes: payment reconciliation's
     * leases, counters and marks. Left out of those tables' row checksums; the rest of each row still counts.
     */
    private static final Map<String, String> SCHEDULED_BOOKKEEPING = Map.of(
            "payment", "{next_reconcile_at,reconcile_checks,awaiting_order_outcome}",
            "order_outcome", "{next_check_at,checked_at,last_drift}");

    private StoreSnapshot() {}

    /** Per table, "count:md5". */
    public static Map<String, String> of(String jdbcUrl, String user, String password) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            List<String> names = new ArrayList<>();
            try (var rs = connection
                    .createStatement()
                    .executeQuery("select table_name from information_schema.tables where table_schema = 'public'"
                            + " and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                if (BOOKKEEPING.matcher(name).matches()) {
                    continue;
                }
                String moving = SCHEDULED_BOOKKEEPING.get(name);
                String row = moving == null ? "t::text" : "(to_jsonb(t) - '" + moving + "'::text[])::text";
                try (var rs = connection
                        .createStatement()
                        .executeQuery("select count(*), coalesce(md5(string_agg(" + row + ", '|' order by " + row
                                + ")), '') from \"" + name + "\" t")) {
                    rs.next();
                    tables.put(name, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + jdbcUrl, e);
        }
        return tables;
    }
}
