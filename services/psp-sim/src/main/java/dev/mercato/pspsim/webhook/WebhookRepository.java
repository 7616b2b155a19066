package dev.mercato.pspsim.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookRepository {

    record DueDelivery(long id, String eventId, String type, String url, int attempts, String payload) {}

    record EventRow(String id, String type, String paymentId, int paymentVersion, String payload, Instant createdAt) {}

    record DeliveryRow(
            long id,
            String eventId,
            String url,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant updatedAt) {}

    record AttemptRow(
            long deliveryId, int attempt, Instant attemptedAt, Integer statusCode, String error, long durationMs) {}

    private static final String DELIVERY_COLUMNS = "id, event_id, url, status, attempts, next_attempt_at,"
            + " last_status_code, last_error, created_at, updated_at";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertEvent(String id, String type, String paymentId, int paymentVersion, String payload, Instant createdAt) {
        jdbc.sql("""
                        insert into webhook_event (id, type, payment_id, payment_version, payload, created_at)
                        values (:id, :type, :paymentId, :version, :payload, :createdAt)
                        """)
                .param("id", id)
                .param("type", type)
                .param("paymentId", paymentId)
                .param("version", paymentVersion)
                .param("payload", payload)
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    void insertDelivery(String eventId, String url, Instant dueAt) {
        jdbc.sql("insert into webhook_delivery (event_id, url, status, next_attempt_at)"
                        + " values (:eventId, :url, 'pending', :dueAt)")
                .param("eventId", eventId)
                .param("url", url)
                .param("dueAt", Timestamp.from(dueAt))
                .update();
    }

    /**
     * Takes due deliveries by pushing their next attempt a lease into the future: if this process dies mid-delivery,
     * the lease runs out and the delivery is due again (at least once, as webhooks are).
     */
    List<DueDelivery> claimDue(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select id from webhook_delivery
                            where status = 'pending' and next_attempt_at <= now()
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        update webhook_delivery d
                        set next_attempt_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                        from due, webhook_event e
                        where d.id = due.id and e.id = d.event_id
                        returning d.id, d.event_id, e.type, d.url, d.attempts, e.payload
                        """)
                .param("limit", limit)
                .param("leaseSeconds", (double) lease.toSeconds())
                .query((rs, n) -> new DueDelivery(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getString("url"),
                        rs.getInt("attempts"),
                        rs.getString("payload")))
                .list();
    }

    void recordAttempt(AttemptRow attempt) {
        jdbc.sql("""
                        insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                        values (:deliveryId, :attempt, :attemptedAt, :statusCode, :error, :durationMs)
                        """)
                .param("deliveryId", attempt.deliveryId())
                .param("attempt", attempt.attempt())
                .param("attemptedAt", Timestamp.from(attempt.attemptedAt()))
                .param("statusCode", attempt.statusCode(), Types.INTEGER)
                .param("error", attempt.error())
                .param("durationMs", attempt.durationMs())
                .update();
    }

    /** Sets the outcome of an attempt: {@code delivered}, {@code failed}, or {@code pending} again at {@code nextAt}. */
    void updateDelivery(long id, String status, int attempts, Instant nextAt, Integer statusCode, String error) {
        jdbc.sql("""
                        update webhook_delivery
                        set status = :status, attempts = :attempts, next_attempt_at = :nextAt,
                            last_status_code = :statusCode, last_error = :error, updated_at = now()
                        where id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("attempts", attempts)
                .param("nextAt", Timestamp.from(nextAt))
                .param("statusCode", statusCode, Types.INTEGER)
                .param("error", error)
                .update();
    }

    Optional<EventRow> findEvent(String id) {
        return jdbc.sql("select * from webhook_event where id = :id")
                .param("id", id)
                .query(this::event)
                .optional();
    }

    List<EventRow> events(String paymentId, int limit) {
        return jdbc.sql("""
                        select * from webhook_event
                        where cast(:paymentId as text) is null or payment_id = :paymentId
                        order by created_at desc, id desc
                        limit :limit
                        """)
                .param("paymentId", paymentId, Types.VARCHAR)
                .param("limit", limit)
                .query(this::event)
                .list();
    }

    List<DeliveryRow> deliveries(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where event_id in (:ids) order by id")
                .param("ids", eventIds)
                .query(this::delivery)
                .list();
    }

    List<AttemptRow> attempts(List<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webhook_attempt where delivery_id in (:ids) order by id")
                .param("ids", deliveryIds)
                .query((rs, n) -> new AttemptRow(
                        rs.getLong("delivery_id"),
                        rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(),
                        rs.getObject("status_code", Integer.class),
                        rs.getString("error"),
                        rs.getLong("duration_ms")))
                .list();
    }

    private EventRow event(ResultSet rs, int row) throws SQLException {
        return new EventRow(
                rs.getString("id"),
                rs.getString("type"),
                rs.getString("payment_id"),
                rs.getInt("payment_version"),
                rs.getString("payload"),
                rs.getTimestamp("created_at").toInstant());
    }

    private DeliveryRow delivery(ResultSet rs, int row) throws SQLException {
        return new DeliveryRow(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getString("url"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
