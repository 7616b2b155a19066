package dev.mercato.jobs.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The runs in the service's PostgreSQL database, table {@code jobs.job_run} (migrated by the library, {@code
 * JobsSchema}). Times are the database's clock, like the lock's, so instances with
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
                        insert into jobs.job_run (job, instance, started_at, outcome)
                        values (?, ?, clock_timestamp(), 'RUNNING')
                        returning id, job, instance, started_at, ended_at, outcome, summary, runs
                        """).params(job, instance).query(JdbcJobHistory::run).single();
    }

    @Override
    public void ended(JobRun run, Outcome outcome, String summary) {
        jdbc.sql("update jobs.job_run set ended_at = clock_timestamp(), outcome = ?, summary = ? where id = ?")
                .params(outcome.name(), JobHistory.cut(summary), Long.parseLong(run.id()))
                .update();
    }

    @Override
    public JobRun recorded(String job, String instance, Duration took, Outcome outcome, String summary) {
        return jdbc.sql("""
                        insert into jobs.job_run (job, instance, started_at, ended_at, outcome, summary)
                        values (?, ?, clock_timestamp() - make_interval(secs => ?), clock_timestamp(), ?, ?)
                        returning id, job, instance, started_at, ended_at, outcome, summary, runs
                        """)
                .params(job, instance, took.toNanos() / 1e9, outcome.name(), JobHistory.cut(summary))
                .query(JdbcJobHistory::run)
                .single();
    }

    @Override
    public void idle(String job, String instance, Duration took, String summary) {
        int extended = jdbc.sql("""
                        update jobs.job_run set ended_at = clock_timestamp(), runs = runs + 1, instance = ?
                        where id = (select id from jobs.job_run where job = ? order by started_at desc, id desc limit 1)
                          and idle
                        """).params(instance, job).update();
        if (extended == 0) {
            jdbc.sql("""
                            insert into jobs.job_run (job, instance, started_at, ended_at, outcome, summary, idle)
                            values (?, ?, clock_timestamp() - make_interval(secs => ?), clock_timestamp(), 'SUCCEEDED', ?,
                                    true)
                            """)
                    .params(job, instance, took.toNanos() / 1e9, JobHistory.cut(summary))
                    .update();
        }
    }

    @Override
    public List<JobRun> recent(String job, int limit) {
        return jdbc.sql("""
                        select id, job, instance, started_at, ended_at, outcome, summary, runs
                        from jobs.job_run where job = ? order by started_at desc, id desc limit ?
                        """).params(job, limit).query(JdbcJobHistory::run).list();
    }

    @Override
    public long prune(Duration retention) {
        return jdbc.sql("delete from jobs.job_run where started_at < clock_timestamp() - make_interval(secs => ?)")
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
                rs.getString("summary"),
                rs.getInt("runs"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
