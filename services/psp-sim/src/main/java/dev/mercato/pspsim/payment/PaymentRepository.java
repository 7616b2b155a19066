package dev.mercato.pspsim.payment;

import dev.mercato.pspsim.payment.domain.Payment;
import dev.mercato.pspsim.payment.domain.PaymentStatus;
import dev.mercato.pspsim.payment.domain.Refund;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

    private static final String COLUMNS = "id, merchant_reference, token, amount, currency, status, captured_amount,"
            + " refunded_amount, failure_code, version, created_at, updated_at";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Payment> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = :id")
                .param("id", id)
                .query(this::payment)
                .optional();
    }

    /** The payment, locked until the transaction ends, so concurrent changes to it happen one after the other. */
    Optional<Payment> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = :id for update")
                .param("id", id)
                .query(this::payment)
                .optional();
    }

    List<Payment> findByMerchantReference(String reference) {
        return jdbc.sql("select " + COLUMNS + " from payment where merchant_reference = :reference"
                        + " order by created_at, id")
                .param("reference", reference)
                .query(this::payment)
                .list();
    }

    void insert(Payment p) {
        jdbc.sql("""
                        insert into payment (id, merchant_reference, token, amount, currency, status, captured_amount,
                                             refunded_amount, failure_code, version, created_at, updated_at)
                        values (:id, :reference, :token, :amount, :currency, :status, :captured, :refunded,
                                :failureCode, :version, :createdAt, :updatedAt)
                        """)
                .param("id", p.id())
                .param("reference", p.merchantReference())
                .param("token", p.token())
                .param("amount", p.amount())
                .param("currency", p.currency())
                .param("status", p.status().wire())
                .param("captured", p.capturedAmount())
                .param("refunded", p.refundedAmount())
                .param("failureCode", p.failureCode())
                .param("version", p.version())
                .param("createdAt", Timestamp.from(p.createdAt()))
                .param("updatedAt", Timestamp.from(p.updatedAt()))
                .update();
    }

    /** Writes a changed payment; the caller holds its lock, so the previous version is the stored one. */
    void update(Payment p) {
        int updated = jdbc.sql("""
                        update payment set status = :status, captured_amount = :captured, refunded_amount = :refunded,
                                           version = :version, updated_at = :updatedAt
                        where id = :id and version = :version - 1
                        """)
                .param("id", p.id())
                .param("status", p.status().wire())
                .param("captured", p.capturedAmount())
                .param("refunded", p.refundedAmount())
                .param("version", p.version())
                .param("updatedAt", Timestamp.from(p.updatedAt()))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("payment " + p.id() + " changed while locked");
        }
    }

    void insertRefund(String paymentId, Refund refund) {
        jdbc.sql(
                        "insert into refund (id, payment_id, amount, created_at) values (:id, :paymentId, :amount, :createdAt)")
                .param("id", refund.id())
                .param("paymentId", paymentId)
                .param("amount", refund.amount())
                .param("createdAt", Timestamp.from(refund.createdAt()))
                .update();
    }

    private List<Refund> refunds(String paymentId) {
        return jdbc.sql("select id, amount, created_at from refund where payment_id = :id order by created_at, id")
                .param("id", paymentId)
                .query((rs, n) -> new Refund(
                        rs.getString("id"),
                        rs.getLong("amount"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private Payment payment(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        return new Payment(
                id,
                rs.getString("merchant_reference"),
                rs.getString("token"),
                rs.getLong("amount"),
                rs.getString("currency"),
                PaymentStatus.fromWire(rs.getString("status")),
                rs.getLong("captured_amount"),
                rs.getLong("refunded_amount"),
                rs.getString("failure_code"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                refunds(id));
    }
}
