package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.OrderOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims order outcomes due for a comparison with their payment, and payments overdue for an outcome, for one
 * instance at a time ({@code FOR UPDATE SKIP LOCKED} in the claiming transaction, then a lease or a cleared flag).
 */
@Repository
class OrderReconciliationRepository {

    private final JdbcClient jdbc;

    OrderReconciliationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param lastDrift the reported-only drift last recorded for this order, if any */
    record Claimed(OrderOutcome outcome, Drift.Kind lastDrift) {}

    record Overdue(OrderId orderId, String providerPaymentId, String status, Instant createdAt, boolean hasOutcome) {}

    /**
     * Outcomes decided more than {@code grace} ago whose payment has not been found matching yet; pushing
     * {@code next_check_at} forward by {@code lease} in the claiming transaction keeps other instances off them.
     *
     * @param all also those checked less than a lease ago (on demand); never those within the grace period
     */
    @Transactional
    List<Claimed> claimOutcomes(int limit, Duration grace, Duration lease, boolean all) {
        List<Claimed> claimed = jdbc.sql("select * from order_outcome where next_check_at is not null"
                        + " and decided_at <= now() - make_interval(secs => :grace)"
                        + (all ? "" : " and next_check_at <= now()")
                        + " order by next_check_at limit :limit for update skip locked")
                .param("grace", seconds(grace))
                .param("limit", limit)
                .query(this::claimed)
                .list();
        if (!claimed.isEmpty()) {
            jdbc.sql("update order_outcome set next_check_at = now() + make_interval(secs => :lease)"
                            + " where order_id in (:ids)")
                    .param("lease", seconds(lease))
                    .param(
                            "ids",
                            claimed.stream()
                                    .map(c -> c.outcome().orderId().value())
                                    .toList())
                    .update();
        }
        return claimed;
    }

    /** The payment matches the outcome: not checked again unless the outcome changes (a confirmed order cancelled). */
    void settle(OrderOutcome checked) {
        jdbc.sql("update order_outcome set next_check_at = null, last_drift = null, checked_at = now()"
                        + " where order_id = ? and outcome = ?")
                .params(checked.orderId().value(), checked.decision().name())
                .update();
    }

    /** Still drifting: checked again when the lease runs out. */
    void drifting(OrderOutcome checked, Drift.Kind kind) {
        jdbc.sql("update order_outcome set last_drift = ?, checked_at = now() where order_id = ? and outcome = ?")
                .params(
                        kind.name(),
                        checked.orderId().value(),
                        checked.decision().name())
                .update();
    }

    /**
     * Payments created more than {@code timeout} ago still awaiting their order's outcome, each taken once: the flag
     * is cleared in the claiming transaction. Those whose outcome arrived before the payment was stored are marked
     * {@code hasOutcome}, and their outcome is due for a check again (it may have been settled without a payment).
     */
    @Transactional
    List<Overdue> claimOverdue(Duration timeout, int limit) {
        List<Overdue> overdue = jdbc.sql("select p.order_id, p.provider_payment_id, p.status, p.created_at,"
                        + " exists (select 1 from order_outcome o where o.order_id = p.order_id) as has_outcome"
                        + " from payment p where p.awaiting_order_outcome"
                        + " and p.created_at <= now() - make_interval(secs => :timeout)"
                        + " order by p.created_at limit :limit for update of p skip locked")
                .param("timeout", seconds(timeout))
                .param("limit", limit)
                .query((rs, n) -> new Overdue(
                        new OrderId(rs.getObject("order_id", UUID.class)),
                        rs.getString("provider_payment_id"),
                        rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("has_outcome")))
                .list();
        if (!overdue.isEmpty()) {
            jdbc.sql("update payment set awaiting_order_outcome = false where order_id in (:ids)")
                    .param("ids", overdue.stream().map(o -> o.orderId().value()).toList())
                    .update();
            List<UUID> reopened = overdue.stream()
                    .filter(Overdue::hasOutcome)
                    .map(o -> o.orderId().value())
                    .toList();
            if (!reopened.isEmpty()) {
                jdbc.sql("update order_outcome set next_check_at = now() where order_id in (:ids)"
                                + " and next_check_at is null")
                        .param("ids", reopened)
                        .update();
            }
        }
        return overdue;
    }

    private Claimed claimed(ResultSet rs, int row) throws SQLException {
        Long total = (Long) rs.getObject("total_minor");
        String lastDrift = rs.getString("last_drift");
        OrderOutcome outcome = new OrderOutcome(
                new OrderId(rs.getObject("order_id", UUID.class)),
                OrderOutcome.Decision.valueOf(rs.getString("outcome")),
                total == null ? null : Money.of(total, rs.getString("currency")),
                rs.getString("reason"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant());
        return new Claimed(outcome, lastDrift == null ? null : Drift.Kind.valueOf(lastDrift));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
