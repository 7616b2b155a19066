package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.SagaState;
import dev.mercato.ordering.domain.SagaStatus;
import dev.mercato.ordering.domain.SagaStep;
import dev.mercato.ordering.domain.Transition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code saga} table. Callers own the transactions. */
@Repository
public class SagaRepository {

    private static final String COLUMNS = "order_id, step, status, attempts, next_attempt_at, deadline_at, reason,"
            + " stock_committed, last_error, version";

    private final JdbcClient jdbc;

    SagaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new saga, already leased to {@code leaseToken} so that only the starter runs it until the lease expires. */
    void insert(SagaState state, String paymentToken, String leaseToken, Duration lease) {
        jdbc.sql("""
                insert into saga (order_id, step, status, attempts, next_attempt_at, deadline_at, payment_token,
                                  lease_owner, lease_until, version)
                values (:id, :step, :status, 0, :next, :deadline, :token, :owner,
                        now() + make_interval(secs => :lease), 0)
                """)
                .param("id", state.orderId().value())
                .param("step", state.step().name())
                .param("status", state.status().name())
                .param("next", Timestamp.from(state.nextAttemptAt()))
                .param("deadline", Timestamp.from(state.deadlineAt()))
                .param("token", paymentToken)
                .param("owner", leaseToken)
                .param("lease", lease.toMillis() / 1000.0)
                .update();
    }

    public Optional<SagaState> find(OrderId id) {
        return jdbc.sql("select " + COLUMNS + " from saga where order_id = ?")
                .param(id.value())
                .query(SagaRepository::state)
                .optional();
    }

    /** The saga, its row locked for the rest of the transaction. */
    Optional<SagaState> lock(OrderId id) {
        return jdbc.sql("select " + COLUMNS + " from saga where order_id = ? for update")
                .param(id.value())
                .query(SagaRepository::state)
                .optional();
    }

    /**
     * Takes (or renews) the lease if nobody else holds it and the saga is not done; returns the saga as it is now, or
     * empty when another runner holds it or it is done.
     */
    Optional<SagaState> claim(OrderId id, String leaseToken, Duration lease) {
        return jdbc.sql("update saga set lease_owner = :owner, lease_until = now() + make_interval(secs => :lease)"
                        + " where order_id = :id and status <> 'DONE'"
                        + " and (lease_until is null or lease_until < now() or lease_owner = :owner)"
                        + " returning " + COLUMNS)
                .param("owner", leaseToken)
                .param("lease", lease.toMillis() / 1000.0)
                .param("id", id.value())
                .query(SagaRepository::state)
                .optional();
    }

    /** Claims up to {@code limit} due sagas nobody holds; each gets its own lease token {@code prefix + random}. */
    List<Claimed> claimDue(String prefix, Duration lease, int limit) {
        return jdbc.sql("""
                        with due as (
                            select order_id from saga
                            where status <> 'DONE' and next_attempt_at <= now()
                              and (lease_until is null or lease_until < now())
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update saga s set lease_owner = :prefix || gen_random_uuid()::text,
                                          lease_until = now() + make_interval(secs => :lease)
                        from due where s.order_id = due.order_id
                        returning s.order_id, s.lease_owner
                        """)
                .param("limit", limit)
                .param("prefix", prefix)
                .param("lease", lease.toMillis() / 1000.0)
                .query((rs, n) ->
                        new Claimed(new OrderId(rs.getObject("order_id", UUID.class)), rs.getString("lease_owner")))
                .list();
    }

    record Claimed(OrderId id, String leaseToken) {}

    void releaseLease(OrderId id, String leaseToken) {
        jdbc.sql("update saga set lease_owner = null, lease_until = null where order_id = ? and lease_owner = ?")
                .params(id.value(), leaseToken)
                .update();
    }

    /**
     * Writes the transition if nobody changed the saga since {@code expected} was read; keeps the lease while the saga
     * goes on at once, drops it when it waits for a retry or is done. False: lost the race, nothing written.
     */
    boolean record(SagaState expected, Transition t, String leaseToken, Duration lease) {
        SagaState next = t.state();
        boolean keepLease = !t.retryLater() && !next.isDone();
        return jdbc.sql("""
                        update saga set step = :step, status = :status, attempts = :attempts,
                            next_attempt_at = :next, reason = :reason, stock_committed = :committed,
                            last_error = :error, version = version + 1, updated_at = now(),
                            payment_token = case when :spent then null else payment_token end,
                            lease_owner = case when :keep then :owner else null end,
                            lease_until = case when :keep then now() + make_interval(secs => :lease) else null end,
                            completed_at = case when :done then now() else completed_at end
                        where order_id = :id and version = :version
                        """)
                        .param("step", next.step().name())
                        .param("status", next.status().name())
                        .param("attempts", next.attempts())
                        .param("next", Timestamp.from(next.nextAttemptAt()))
                        .param(
                                "reason",
                                next.reason() == null ? null : next.reason().name())
                        .param("committed", next.stockCommitted())
                        .param("error", truncate(next.lastError()))
                        .param("spent", t.paymentTokenSpent())
                        .param("keep", keepLease)
                        .param("owner", leaseToken)
                        .param("lease", lease.toMillis() / 1000.0)
                        .param("done", next.isDone())
                        .param("id", next.orderId().value())
                        .param("version", expected.version())
                        .update()
                == 1;
    }

    /** The payment token, until the authorization spent it. */
    @Nullable
    String paymentToken(OrderId id) {
        return jdbc.sql("select payment_token from saga where order_id = ?")
                .param(id.value())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** A customer's cancellation: the state changes, the lease stays with whoever holds it. */
    boolean recordCancel(SagaState expected, Transition t) {
        SagaState next = t.state();
        return jdbc.sql("""
                        update saga set step = :step, status = :status, attempts = 0, next_attempt_at = now(),
                            reason = :reason, last_error = null, version = version + 1, updated_at = now(),
                            payment_token = null, completed_at = null
                        where order_id = :id and version = :version
                        """)
                        .param("step", next.step().name())
                        .param("status", next.status().name())
                        .param(
                                "reason",
                                next.reason() == null ? null : next.reason().name())
                        .param("id", next.orderId().value())
                        .param("version", expected.version())
                        .update()
                == 1;
    }

    /** Unfinished sagas by status, for the gauge (finished ones are counted by the completion timer). */
    List<StatusCount> countByStatus() {
        return jdbc.sql("select status, count(*) as n from saga where status <> 'DONE' group by status")
                .query((rs, n) -> new StatusCount(SagaStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
    }

    record StatusCount(SagaStatus status, long count) {}

    private static @Nullable String truncate(@Nullable String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    private static SagaState state(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("reason");
        return new SagaState(
                new OrderId(rs.getObject("order_id", UUID.class)),
                SagaStep.valueOf(rs.getString("step")),
                SagaStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                instant(rs, "deadline_at"),
                reason == null ? null : CancellationReason.valueOf(reason),
                rs.getBoolean("stock_committed"),
                rs.getString("last_error"),
                rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
