package dev.mercato.payment.order;

import dev.mercato.payment.domain.OrderOutcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order outcomes we learned (table {@code order_outcome}); reconciliation claims them for checking. */
@Repository
class OrderOutcomeRepository {

    private final JdbcClient jdbc;

    OrderOutcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new outcome, or a cancellation over a confirmation (due for a check again); anything else (a repeat, a
     * confirmation arriving after the cancellation) changes nothing. The order's payment stops awaiting an outcome.
     */
    void store(OrderOutcome outcome) {
        jdbc.sql("insert into order_outcome (order_id, outcome, total_minor, currency, reason, decided_at)"
                        + " values (?, ?, ?, ?, ?, ?)"
                        + " on conflict (order_id) do update set outcome = excluded.outcome,"
                        + " total_minor = coalesce(excluded.total_minor, order_outcome.total_minor),"
                        + " currency = coalesce(excluded.currency, order_outcome.currency),"
                        + " reason = excluded.reason, decided_at = excluded.decided_at, received_at = now(),"
                        + " next_check_at = now(), last_drift = null"
                        + " where order_outcome.outcome = 'CONFIRMED' and excluded.outcome = 'CANCELLED'")
                .params(
                        outcome.orderId().value(),
                        outcome.decision().name(),
                        outcome.total() == null ? null : outcome.total().minor(),
                        outcome.total() == null ? null : outcome.total().currency(),
                        outcome.reason(),
                        OffsetDateTime.ofInstant(outcome.decidedAt(), ZoneOffset.UTC))
                .update();
        jdbc.sql("update payment set awaiting_order_outcome = false where order_id = ? and awaiting_order_outcome")
                .param(outcome.orderId().value())
                .update();
    }
}
