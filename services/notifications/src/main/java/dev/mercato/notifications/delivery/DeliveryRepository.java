package dev.mercato.notifications.delivery;

import dev.mercato.notifications.mail.ComposedMail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the (event, channel) row for one attempt, in the caller's transaction: inserts it as SENDING, or moves a
     * RETRYING or FAILED one (known not delivered) back to SENDING. The row lock makes concurrent attempts wait.
     */
    Claim claim(UUID eventId, String channel, String eventType, ComposedMail mail) {
        int inserted = row("""
                        insert into notification
                            (event_id, channel, event_type, recipient, user_id, template, locale, subject, state)
                        values (:event, :channel, :type, :recipient, :user, :template, :locale, :subject, 'SENDING')
                        on conflict (event_id, channel) do nothing
                        """, eventId, channel, eventType, mail).update();
        if (inserted == 1) {
            return Claim.SEND;
        }
        DeliveryState state = jdbc.sql("select state from notification where event_id = ? and channel = ? for update")
                .params(eventId, channel)
                .query((rs, row) -> DeliveryState.valueOf(rs.getString(1)))
                .single();
        return switch (state) {
            case SENT -> Claim.ALREADY_SENT;
            case SENDING -> Claim.IN_DOUBT;
            case RETRYING, FAILED -> {
                jdbc.sql("""
                                update notification
                                set state = 'SENDING', attempts = attempts + 1, recipient = :recipient,
                                    locale = :locale, subject = :subject, updated_at = now()
                                where event_id = :event and channel = :channel
                                """)
                        .param("event", eventId)
                        .param("channel", channel)
                        .param("recipient", mail.recipient())
                        .param("locale", mail.locale())
                        .param("subject", mail.subject())
                        .update();
                yield Claim.SEND;
            }
        };
    }

    /**
     * Inserts the (event, channel) row as SENT, for a channel whose delivery is the caller's transaction itself (the
     * in-app notification's outbox message). Returns when it was created, or empty when the row was there already.
     */
    Optional<Instant> insertDelivered(UUID eventId, String channel, String eventType, ComposedMail mail) {
        return row("""
                        insert into notification
                            (event_id, channel, event_type, recipient, user_id, template, locale, subject, state,
                             sent_at)
                        values (:event, :channel, :type, :recipient, :user, :template, :locale, :subject, 'SENT',
                                now())
                        on conflict (event_id, channel) do nothing
                        returning created_at
                        """, eventId, channel, eventType, mail)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** {@code sql} with the row's values bound by name: what the notification is, and to whom, in which language. */
    private JdbcClient.StatementSpec row(
            String sql, UUID eventId, String channel, String eventType, ComposedMail mail) {
        return jdbc.sql(sql)
                .param("event", eventId)
                .param("channel", channel)
                .param("type", eventType)
                .param("recipient", mail.recipient())
                .param("user", mail.mail().recipient().userId())
                .param("template", mail.mail().template().templateName())
                .param("locale", mail.locale())
                .param("subject", mail.subject());
    }

    void record(UUID eventId, String channel, DeliveryState outcome, @Nullable String error) {
        jdbc.sql("""
                        update notification
                        set state = :state, last_error = :error, updated_at = now(),
                            sent_at = case when :state = 'SENT' then now() else sent_at end
                        where event_id = :event and channel = :channel and state = 'SENDING'
                        """)
                .param("state", outcome.name())
                .param("error", error)
                .param("event", eventId)
                .param("channel", channel)
                .update();
    }

    /** Newest first: rows strictly before {@code beforeSeq}, at most {@code limit + 1} (the extra one tells a next page). */
    List<Positioned> page(@Nullable String recipient, long beforeSeq, int limit) {
        return jdbc.sql("""
                        select * from notification
                        where seq < :before and (cast(:recipient as text) is null or recipient = :recipient)
                        order by seq desc
                        limit :limit
                        """)
                .param("before", beforeSeq)
                .param("recipient", recipient)
                .param("limit", limit + 1)
                .query(DeliveryRepository::positioned)
                .list();
    }

    record Positioned(long seq, NotificationView view) {}

    private static Positioned positioned(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Positioned(
                rs.getLong("seq"),
                new NotificationView(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("template"),
                        rs.getString("locale"),
                        rs.getString("subject"),
                        DeliveryState.valueOf(rs.getString("state")),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getTimestamp("created_at").toInstant(),
                        sentAt == null ? null : sentAt.toInstant()));
    }
}
