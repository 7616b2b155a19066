package dev.mercato.payment.payment;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments and the log of operations sent to the provider. */
@Repository
public class PaymentRepository {

    private static final String COLUMNS = "order_id, provider_payment_id, status, amount, currency, captured_amount,"
            + " refunded_amount, failure_code, provider_version";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payment> find(OrderId order) {
        return one("select " + COLUMNS + " from payment where order_id = ?", order.value());
    }

    /** Locks the row until the transaction ends: changes of one payment (and their events) are serialized. */
    public Optional<Payment> lock(OrderId order) {
        return one("select " + COLUMNS + " from payment where order_id = ? for update", order.value());
    }

    public Optional<Payment> lockByProviderId(String providerPaymentId) {
        return one("select " + COLUMNS + " from payment where provider_payment_id = ? for update", providerPaymentId);
    }

    /** @return false if the order already has a payment (a concurrent authorize won) */
    public boolean insert(Payment payment) {
        return jdbc.sql("insert into payment (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " on conflict do nothing")
                        .params(
                                payment.orderId().value(),
                                payment.providerPaymentId(),
                                payment.status().name(),
                                payment.amount().minor(),
                                payment.amount().currency(),
                                payment.captured().minor(),
                                payment.refunded().minor(),
                                payment.failureCode(),
                                payment.providerVersion())
                        .update()
                == 1;
    }

    /** A change also restarts the payment's reconciliation schedule, and wakes it if it had settled. */
    public void update(Payment payment) {
        jdbc.sql("update payment set status = ?, captured_amount = ?, refunded_amount = ?, failure_code = ?,"
                        + " provider_version = ?, updated_at = now(), reconcile_checks = 0,"
                        + " next_reconcile_at = case when next_reconcile_at = 'infinity' then now()"
                        + " else next_reconcile_at end where order_id = ?")
                .params(
                        payment.status().name(),
                        payment.captured().minor(),
                        payment.refunded().minor(),
                        payment.failureCode(),
                        payment.providerVersion(),
                        payment.orderId().value())
                .update();
    }

    public void log(Operation operation) {
        jdbc.sql("insert into payment_operation (order_id, operation, idempotency_key, refund_id, amount, outcome,"
                        + " provider_payment_id, provider_refund_id, provider_version, detail)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(
                        operation.order().value(),
                        operation.kind().name(),
                        operation.idempotencyKey(),
                        operation.refundId(),
                        operation.amount(),
                        operation.outcome(),
                        operation.providerPaymentId(),
                        operation.providerRefundId(),
                        operation.providerVersion(),
                        operation.detail())
                .update();
    }

    public java.util.List<Operation> operations(OrderId order) {
        return jdbc.sql("select * from payment_operation where order_id = ? order by id")
                .param(order.value())
                .query((rs, n) -> new Operation(
                        new OrderId(rs.getObject("order_id", UUID.class)),
                        Operation.Kind.valueOf(rs.getString("operation")),
                        rs.getString("idempotency_key"),
                        rs.getObject("refund_id", UUID.class),
                        (Long) rs.getObject("amount"),
                        rs.getString("outcome"),
                        rs.getString("provider_payment_id"),
                        rs.getString("provider_refund_id"),
                        (Integer) rs.getObject("provider_version"),
                        rs.getString("detail")))
                .list();
    }

    /**
     * The payment row first, its refunds after that query has ended: a second query started from the row mapper would
     * take a second pooled connection outside a transaction while the first is still held, and enough concurrent
     * reads then wait on each other until the pool times out. A payment nothing was refunded from has no refund to
     * read: a succeeded refund is logged in the transaction that raises {@code refunded_amount}, which never falls.
     * That skips a query on every load of almost every payment (four or five per order).
     */
    private Optional<Payment> one(String sql, Object param) {
        return jdbc.sql(sql)
                .param(param)
                .query(PaymentRepository::row)
                .optional()
                .map(row -> row.payment(row.refunded() == 0 ? Map.of() : refunds(row.order())));
    }

    private Map<UUID, Long> refunds(OrderId order) {
        Map<UUID, Long> refunds = new HashMap<>();
        jdbc.sql("select refund_id, amount from payment_operation"
                        + " where order_id = ? and operation = 'REFUND' and outcome = 'SUCCEEDED'")
                .param(order.value())
                .query(r -> {
                    refunds.put(r.getObject("refund_id", UUID.class), r.getLong("amount"));
                });
        return refunds;
    }

    private record Row(
            OrderId order,
            String providerPaymentId,
            Money amount,
            PaymentStatus status,
            long captured,
            long refunded,
            String failureCode,
            int providerVersion) {

        Payment payment(Map<UUID, Long> refunds) {
            return new Payment(
                    order,
                    providerPaymentId,
                    amount,
                    status,
                    captured,
                    refunded,
                    failureCode,
                    providerVersion,
                    refunds);
        }
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(
                new OrderId(rs.getObject("order_id", UUID.class)),
                rs.getString("provider_payment_id"),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                PaymentStatus.valueOf(rs.getString("status")),
                rs.getLong("captured_amount"),
                rs.getLong("refunded_amount"),
                rs.getString("failure_code"),
                rs.getInt("provider_version"));
    }
}
