package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.reconciliation.ReconciliationProperties.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Claims due payments for one instance (FOR UPDATE SKIP LOCKED, then a lease) and keeps the drift report. */
@Repository
class ReconciliationRepository {

    /** The next_reconcile_at of a settled payment: never due, except to a run that checks them all. */
    static final String SETTLED = "'infinity'::timestamptz";

    private final JdbcClient jdbc;

    ReconciliationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Non-final payments due for a check; pushing {@code next_reconcile_at} forward in the claiming transaction is
     * the lease, so two instances never take the same row. The next check is {@code recheckAfter} later, doubled for
     * every check since the payment last changed (at most {@code longestWait}); a payment unchanged for
     * {@code settleAfter} gets this last check and then none until it changes ({@link #SETTLED}).
     */
    @Transactional
    List<OrderId> claimDue(int limit, Schedule schedule, boolean all) {
        List<UUID> ids = jdbc.sql("select order_id from payment where status not in ('DECLINED', 'VOIDED', 'REFUNDED')"
                        + (all ? "" : " and next_reconcile_at <= now()")
                        + " order by next_reconcile_at limit ? for update skip locked")
                .param(limit)
                .query(UUID.class)
                .list();
        if (!ids.isEmpty()) {
            jdbc.sql("update payment set reconcile_checks = reconcile_checks + 1, next_reconcile_at = case"
                            + " when updated_at <= now() - make_interval(secs => :settle) then " + SETTLED
                            + " else now() + least(make_interval(secs => :recheck) * power(2, least(reconcile_checks, 30)),"
                            + " make_interval(secs => :longest)) end"
                            + " where order_id in (:ids)")
                    .param("settle", schedule.settleAfter().toSeconds())
                    .param("recheck", schedule.recheckAfter().toSeconds())
                    .param("longest", schedule.longestWait().toSeconds())
                    .param("ids", ids)
                    .update();
        }
        return ids.stream().map(OrderId::new).toList();
    }

    void record(Drift drift) {
        jdbc.sql("insert into reconciliation_drift (order_id, provider_payment_id, kind, detail, repaired)"
                        + " values (?, ?, ?, ?, ?)")
                .params(
                        drift.orderId() == null ? null : drift.orderId().value(),
                        drift.providerPaymentId(),
                        drift.kind().name(),
                        drift.detail(),
                        drift.repaired())
                .update();
    }

    List<Drift> recent(int limit) {
        return jdbc.sql("select * from reconciliation_drift order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Drift(
                        rs.getObject("order_id", UUID.class) == null
                                ? null
                                : new OrderId(rs.getObject("order_id", UUID.class)),
                        rs.getString("provider_payment_id"),
                        Drift.Kind.valueOf(rs.getString("kind")),
                        rs.getString("detail"),
                        rs.getBoolean("repaired"),
                        rs.getObject("detected_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    /** Provider payment ids with webhook deliveries still unmatched after {@code grace}. */
    List<String> unmatchedPaymentIds(Duration grace, int limit) {
        return jdbc.sql("select distinct provider_payment_id from webhook_event"
                        + " where outcome = 'UNMATCHED' and received_at < now() - make_interval(secs => ?) limit ?")
                .params(grace.toSeconds(), limit)
                .query(String.class)
                .list();
    }

    /** The merchant reference the newest unmatched delivery of this payment carries. */
    String merchantReferenceOf(String providerPaymentId) {
        return jdbc.sql("select payload -> 'data' -> 'payment' ->> 'merchantReference' from webhook_event"
                        + " where provider_payment_id = ? order by payment_version desc limit 1")
                .param(providerPaymentId)
                .query(String.class)
                .single();
    }
}
