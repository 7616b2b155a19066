package dev.mercato.verify;

import dev.mercato.verify.Snapshot.Order;
import dev.mercato.verify.Snapshot.Payment;
import dev.mercato.verify.Snapshot.ProviderPayment;
import dev.mercato.verify.Snapshot.Quantities;
import dev.mercato.verify.Snapshot.Stock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a {@link Snapshot}: each store in one repeatable-read transaction, so each is self-consistent. Across stores
 * there is no common snapshot; the stores are read in the order in which checkout writes them (orders first, then the
 * payments and stock they caused), and the checker is meant for a platform with no checkout in flight (see
 * {@code --settle}).
 */
public final class SnapshotReader {

    private final Stores stores;

    public SnapshotReader(Stores stores) {
        this.stores = stores;
    }

    public long pendingOrders() throws SQLException {
        try (Connection connection = stores.open(stores.ordering());
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(Queries.PENDING_ORDERS)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public Snapshot read() throws SQLException {
        List<Order> orders = new ArrayList<>();
        List<String> ordersWithoutOneKey = new ArrayList<>();
        inSnapshot(stores.ordering(), sql -> {
            query(
                    sql,
                    Queries.ORDERS,
                    row -> orders.add(new Order(
                            row.getObject(1, UUID.class),
                            row.getString(2),
                            row.getString(3),
                            row.getTimestamp(4).toInstant(),
                            row.getLong(5),
                            row.getString(6))));
            query(sql, Queries.ORDERS_WITHOUT_ONE_KEY, row -> ordersWithoutOneKey.add(row.getString(1)));
        });
        Map<UUID, Payment> payments = new HashMap<>();
        inSnapshot(
                stores.payment(),
                sql -> query(sql, Queries.PAYMENTS, row -> {
                    Payment payment = new Payment(
                            row.getObject(1, UUID.class),
                            row.getString(2),
                            row.getLong(3),
                            row.getLong(4),
                            row.getLong(5));
                    payments.put(payment.orderId(), payment);
                }));
        List<ProviderPayment> providerPayments = new ArrayList<>();
        inSnapshot(
                stores.provider(),
                sql -> query(
                        sql,
                        Queries.PROVIDER_PAYMENTS,
                        row -> providerPayments.add(new ProviderPayment(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3).toUpperCase(java.util.Locale.ROOT),
                                row.getLong(4),
                                row.getLong(5),
                                row.getLong(6)))));
        List<Stock> stock = new ArrayList<>();
        Map<String, Quantities> ledger = new HashMap<>();
        Map<String, Long> openlyReserved = new HashMap<>();
        Map<UUID, String> reservationStates = new HashMap<>();
        inSnapshot(stores.inventory(), sql -> {
            query(sql, Queries.STOCK, row -> stock.add(new Stock(row.getString(1), row.getLong(2), row.getLong(3))));
            query(
                    sql,
                    Queries.LEDGER,
                    row -> ledger.put(row.getString(1), new Quantities(row.getLong(2), row.getLong(3))));
            query(sql, Queries.OPENLY_RESERVED, row -> openlyReserved.put(row.getString(1), row.getLong(2)));
            query(
                    sql,
                    Queries.RESERVATIONS,
                    row -> reservationStates.put(row.getObject(1, UUID.class), row.getString(2)));
        });
        return new Snapshot(
                orders,
                payments,
                providerPayments,
                stock,
                ledger,
                openlyReserved,
                reservationStates,
                ordersWithoutOneKey);
    }

    private interface Reading {
        void read(Statement sql) throws SQLException;
    }

    private interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private void inSnapshot(String url, Reading reading) throws SQLException {
        try (Connection connection = stores.open(url)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                reading.read(sql);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new SQLException("reading " + url + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static void query(Statement sql, String query, Row row) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                row.accept(rows);
            }
        }
    }
}
