package dev.mercato.messaging.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The library's tables, migrated by its own Flyway instance into the {@code messaging} schema with its own history
 * table, so a service's migrations (their numbering, their history, their "schema not empty" check) never meet the
 * library's. Services that run several instances migrate safely: Flyway locks the history table.
 */
public final class MessagingSchema {

    public static final String SCHEMA = "messaging";
    static final String LOCATION = "classpath:db/messaging";
    static final String HISTORY_TABLE = "flyway_messaging_history";

    private MessagingSchema() {}

    /** For a database whose messaging schema is migrated elsewhere. */
    public static MessagingSchema assumeMigrated() {
        return new MessagingSchema();
    }

    public static MessagingSchema migrate(DataSource dataSource) {
        Flyway.configure(MessagingSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                // a messaging schema that exists without our history (created by hand): adopt it, then migrate
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new MessagingSchema();
    }
}
