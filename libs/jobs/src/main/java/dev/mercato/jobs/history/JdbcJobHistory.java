package dev.mercato.jobs.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runs in the service's PostgreSQL database, table {@code job_run} (each service creates it in its own Flyway
 * migration; the library's README has the DDL). Times are the database's clock, like the lock's, so instances with
 * skewed clocks still record runs in the order they happened. Each call is one short statement in its own
 * transaction, on the service's own pool.
 */
public final class JdbcJobHistory implements JobHistory {

    private final JdbcClient jdbc;

    public JdbcJobHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public JobRun started(String job, String instance) {
        return jdbc.sql("""
                        insert into job_run (job, instance, started_at, outcome)
                        values (?, ?, clock_timestamp(), 'RUNNING')
                        returning id, job, instance, started_at, ended_at, outcome, summary
                        """).params(job, instance).query(JdbcJobHistory::run).single();
    }

    @Override
    public void ended(JobRun run, Outcome outcome, String summary) {
        jdbc.sql("update job_run set ended_at = clock_timestamp(), outcome = ?, summary = ? where id = ?")
                .params(outcome.name(), JobHistory.cut(summary), Long.parseLong(run.id()))
                .update();
    }

    @Override
    public List<JobRun> recent(String job, int limit) {
        return jdbc.sql("""
                        select id, job, instance, started_at, ended_at, outcome, summary
                        from job_run where job = ? order by started_at desc, id desc limit ?
                        """).params(job, limit).query(JdbcJobHistory::run).list();
    }

    @Override
    public long prune(Duration retention) {
        return jdbc.sql("delete from job_run where started_at < clock_timestamp() - make_interval(secs => ?)")
                .param((double) retention.toSeconds())
                .update();
    }

    private static JobRun run(ResultSet rs, int row) throws SQLException {
        return new JobRun(
                String.valueOf(rs.getLong("id")),
                rs.getString("job"),
                rs.getString("instance"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("summary"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
