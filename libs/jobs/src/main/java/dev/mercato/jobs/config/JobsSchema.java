package dev.mercato.jobs.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The library's two tables ({@code jobs.shedlock}, {@code jobs.job_run}), migrated by its own Flyway instance into the
 * {@code jobs} schema with its own history table, like libs/messaging's: a service declares jobs and gets their tables,
 * and its own migrations (their numbering, their history) never meet the library's. Several instances starting at once
 * migrate safely: Flyway locks the history table.
 */
public final class JobsSchema {

    public static final String SCHEMA = "jobs";
    public static final String LOCKS = SCHEMA + ".shedlock";
    static final String LOCATION = "classpath:db/jobs";
    static final String HISTORY_TABLE = "flyway_jobs_history";

    private JobsSchema() {}

    /** For a database whose jobs schema is migrated elsewhere. */
    public static JobsSchema assumeMigrated() {
        return new JobsSchema();
    }

    public static JobsSchema migrate(DataSource dataSource) {
        Flyway.configure(JobsSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
        return new JobsSchema();
    }
}
