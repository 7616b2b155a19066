package dev.mercato.messaging.consumer;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which messages each consumer has processed ({@code messaging.inbox_message}). Public for the library's wiring
 * ({@code config}); services never use it.
 */
public final class Inbox {

    private static final int DELETE_CHUNK = 5_000;

    private final JdbcClient jdbc;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the message as processed by the consumer, in the current transaction; false when it already was. A
     * concurrent delivery of the same message waits here until the first one's transaction ends.
     */
    boolean record(String consumer, UUID messageId) {
        return jdbc.sql("""
                        insert into messaging.inbox_message (consumer, message_id) values (:consumer, :messageId)
                        on conflict do nothing
                        """)
                        .param("consumer", consumer)
                        .param("messageId", messageId)
                        .update()
                == 1;
    }

    /** Whether the consumer has processed the message (for handlers that run outside the inbox's transaction). */
    boolean contains(String consumer, UUID messageId) {
        return jdbc.sql("""
                        select exists (select 1 from messaging.inbox_message
                                       where consumer = :consumer and message_id = :messageId)
                        """)
                .param("consumer", consumer)
                .param("messageId", messageId)
                .query(Boolean.class)
                .single();
    }

    /** Forgets the messages processed longer than {@code retention} ago, in chunks; returns how many. */
    public int deleteProcessedBefore(Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from messaging.inbox_message where ctid in (
                                select ctid from messaging.inbox_message
                                where processed_at < now() - :retentionMillis * interval '1 millisecond'
                                limit :chunk)
                            """)
                    .param("retentionMillis", retention.toMillis())
                    .param("chunk", DELETE_CHUNK)
                    .update();
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        return total;
    }
}
