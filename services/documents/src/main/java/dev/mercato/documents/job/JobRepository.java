package dev.mercato.documents.job;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bulk jobs ({@code document_job}) and their items, chunk by chunk ({@code job_item}). */
@Repository
class JobRepository {

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the job and one item per order confirmed in [from, to), numbered into chunks; returns the total. */
    int create(UUID job, Instant from, Instant to, int chunkSize) {
        jdbc.sql("""
                        insert into document_job (job_id, kind, range_from, range_to, total, chunks)
                        values (?, 'invoices', ?, ?, 0, 0)
                        """).params(job, Timestamp.from(from), Timestamp.from(to)).update();
        int total = jdbc.sql("""
                        insert into job_item (job_id, chunk, order_id)
                        select :job, (row_number() over (order by confirmed_at, order_id) - 1) / :size, order_id
                        from order_copy where confirmed_at >= :from and confirmed_at < :to
                        """)
                .param("job", job)
                .param("size", chunkSize)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .update();
        int chunks = (total + chunkSize - 1) / chunkSize;
        jdbc.sql("""
                        update document_job set total = ?, chunks = ?,
                            finished_at = case when ? = 0 then now() end
                        where job_id = ?
                        """).params(total, chunks, total, job).update();
        return chunks;
    }

    Optional<JobView> find(UUID job) {
        return jdbc.sql("""
                        select job_id, total, done, failed, started_at, finished_at from document_job where job_id = ?
                        """)
                .param(job)
                .query((rs, row) -> {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return JobView.of(
                            rs.getObject("job_id", UUID.class),
                            rs.getInt("total"),
                            rs.getInt("done"),
                            rs.getInt("failed"),
                            rs.getTimestamp("started_at").toInstant(),
                            finished == null ? null : finished.toInstant());
                })
                .optional();
    }

    /**
     * Up to {@code limit} of the chunk's items still to do, locked for this transaction; items another worker holds
     * (a chunk delivered twice at once) are skipped, not waited for.
     */
    List<UUID> pending(UUID job, int chunk, int limit) {
        return jdbc.sql("""
                        select order_id from job_item
                        where job_id = ? and chunk = ? and state = 'PENDING'
                        order by order_id limit ? for update skip locked
                        """).params(job, chunk, limit).query(UUID.class).list();
    }

    void done(UUID job, int chunk, List<UUID> orders) {
        jdbc.sql("""
                        update job_item set state = 'DONE'
                        where job_id = ? and chunk = ? and order_id = any(cast(? as uuid[]))
                        """).params(job, chunk, ids(orders)).update();
    }

    void failed(UUID job, int chunk, UUID order, String error) {
        jdbc.sql("update job_item set state = 'FAILED', error = ? where job_id = ? and chunk = ? and order_id = ?")
                .params(error, job, chunk, order)
                .update();
    }

    /** Adds to the job's counters; the update that accounts for its last item also stamps it finished. */
    void progress(UUID job, int done, int failed) {
        jdbc.sql("""
                        update document_job set done = done + :done, failed = failed + :failed,
                            finished_at = case when done + :done + failed + :failed >= total then now() end
                        where job_id = :job
                        """)
                .param("done", done)
                .param("failed", failed)
                .param("job", job)
                .update();
    }

    private static String[] ids(List<UUID> orders) {
        return orders.stream().map(UUID::toString).toArray(String[]::new);
    }
}
