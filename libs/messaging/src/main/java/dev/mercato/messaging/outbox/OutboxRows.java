package dev.mercato.messaging.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox table ({@code messaging.outbox_message}). Public for the library's wiring ({@code config}). */
public final class OutboxRows {

    /** First key of the two-int advisory lock claiming a partition; the partition is the second. */
    static final int PARTITION_LOCK_CLASS = 0x6d736731;

    private static final int DELETE_CHUNK = 5_000;

    private final JdbcClient jdbc;

    public OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(
            long seq,
            UUID messageId,
            String exchange,
            String routingKey,
            String type,
            int version,
            String aggregateType,
            String aggregateId,
            String payload,
            String headers,
            Instant occurredAt,
            int attempts) {

        String aggregateKey() {
            return aggregateType + '\u0000' + aggregateId;
        }
    }

    public record Backlog(long count, double oldestAgeSeconds) {}

    void insert(
            UUID messageId,
            OutgoingMessage message,
            int partition,
            String payload,
            String headers,
            Instant occurredAt) {
        jdbc.sql("""
                        insert into messaging.outbox_message (message_id, exchange, routing_key, type, version,
                            aggregate_type, aggregate_id, partition, payload, headers, occurred_at)
                        values (:messageId, :exchange, :routingKey, :type, :version,
                            :aggregateType, :aggregateId, :partition, cast(:payload as jsonb), cast(:headers as jsonb),
                            :occurredAt)
                        """)
                .param("messageId", messageId)
                .param("exchange", message.exchange())
                .param("routingKey", message.routingKey())
                .param("type", message.type())
                .param("version", message.version())
                .param("aggregateType", message.aggregateType())
                .param("aggregateId", message.aggregateId())
                .param("partition", (short) partition)
                .param("payload", payload)
                .param("headers", headers)
                .param("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .update();
    }

    /**
     * @param pendingPartitions partitions holding unpublished messages
     * @param nextRetry time until the next message waiting for a retry is due, if any
     */
    record Scan(List<Integer> pendingPartitions, Duration nextRetry) {}

    Scan scan() {
        // The partitions with unpublished messages by a loose index scan (one probe per partition rather than a read
        // of the whole backlog); a partition whose messages all wait for a retry is found empty by lockDue.
        return jdbc.sql("""
                        with recursive pending(partition) as (
                            (select partition from messaging.outbox_message
                             where published_at is null order by partition limit 1)
                            union all
                            select (select m.partition from messaging.outbox_message m
                                    where m.published_at is null and m.partition > pending.partition
                                    order by m.partition limit 1)
                            from pending where pending.partition is not null)
                        select array(select partition from pending where partition is not null) as due,
                               extract(epoch from (select min(next_attempt_at) from messaging.outbox_message
                                                   where published_at is null and next_attempt_at > now()) - now())
                                   as next_retry
                        """)
                .query((rs, n) -> {
                    java.sql.Array due = rs.getArray("due");
                    List<Integer> partitions = new java.util.ArrayList<>();
                    if (due != null) {
                        for (Object partition : (Object[]) due.getArray()) {
                            partitions.add(((Number) partition).intValue());
                        }
                    }
                    double seconds = rs.getDouble("next_retry");
                    Duration nextRetry = rs.wasNull() ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
                    return new Scan(partitions, nextRetry);
                })
                .single();
    }

    /** Claims a partition until the end of the current transaction; false when another relay holds it. */
    boolean tryClaim(int partition) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lockClass, :partition)")
                .param("lockClass", PARTITION_LOCK_CLASS)
                .param("partition", partition)
                .query(Boolean.class)
                .single());
    }

    /**
     * The partition's next unpublished messages in sequence order, locked, leaving out every aggregate whose oldest
     * unpublished message waits for a retry: a later message of that aggregate must not overtake it.
     */
    List<Row> lockDue(int partition, int limit) {
        return jdbc.sql("""
                        select seq, message_id, exchange, routing_key, type, version, aggregate_type, aggregate_id,
                               payload::text as payload, headers::text as headers, occurred_at, attempts
                        from messaging.outbox_message m
                        where m.partition = :partition and m.published_at is null
                          and not exists (
                              select 1 from messaging.outbox_message waiting
                              where waiting.published_at is null
                                and waiting.aggregate_type = m.aggregate_type
                                and waiting.aggregate_id = m.aggregate_id
                                and waiting.next_attempt_at > now())
                        order by m.seq
                        limit :limit
                        for update of m skip locked
                        """)
                .param("partition", (short) partition)
                .param("limit", limit)
                .query(OutboxRows::row)
                .list();
    }

    void markPublished(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update messaging.outbox_message
                        set published_at = clock_timestamp(), attempts = attempts + 1, last_error = null
                        where seq in (:seqs)
                        """).param("seqs", seqs).update();
    }

    void markFailed(long seq, String error, Duration retryIn) {
        jdbc.sql("""
                        update messaging.outbox_message
                        set attempts = attempts + 1, last_error = :error,
                            next_attempt_at = clock_timestamp() + :delayMillis * interval '1 millisecond'
                        where seq = :seq
                        """)
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("delayMillis", retryIn.toMillis())
                .param("seq", seq)
                .update();
    }

    public Backlog backlog() {
        return jdbc.sql("""
                        select count(*) as backlog,
                               coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) as oldest
                        from messaging.outbox_message where published_at is null
                        """)
                .query((rs, n) -> new Backlog(rs.getLong("backlog"), rs.getDouble("oldest")))
                .single();
    }

    /** Deletes messages published longer ago than the retention, in chunks; returns how many. */
    public int deletePublishedBefore(Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from messaging.outbox_message where seq in (
                                select seq from messaging.outbox_message
                                where published_at < now() - :retentionMillis * interval '1 millisecond'
                                limit :chunk)
                            """)
                    .param("retentionMillis", retention.toMillis())
                    .param("chunk", DELETE_CHUNK)
                    .update();
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        return total;
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getLong("seq"),
                rs.getObject("message_id", UUID.class),
                rs.getString("exchange"),
                rs.getString("routing_key"),
                rs.getString("type"),
                rs.getInt("version"),
                rs.getString("aggregate_type"),
                rs.getString("aggregate_id"),
                rs.getString("payload"),
                rs.getString("headers"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getInt("attempts"));
    }
}
