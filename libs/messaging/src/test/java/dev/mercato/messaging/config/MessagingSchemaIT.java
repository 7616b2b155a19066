package dev.mercato.messaging.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.postgres.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MessagingSchemaIT {

    @Test
    void migratesItsOwnSchemaBesideAServicesTablesAndHistory() {
        try (TestDatabase database = TestDatabase.create("messagingschema")) {
            var dataSource = new DriverManagerDataSource(
                    database.jdbcUrl(),
                    database.server().user(),
                    database.server().password());
            JdbcClient jdbc = JdbcClient.create(dataSource);
            // a service that migrated first, with Flyway's default history table
            jdbc.sql("create table product (id bigint primary key)").update();
            jdbc.sql("create table flyway_schema_history (installed_rank int primary key)")
                    .update();

            MessagingSchema.migrate(dataSource);
            MessagingSchema.migrate(dataSource);

            assertThat(jdbc.sql("select table_schema || '.' || table_name from information_schema.tables"
                                    + " where table_schema in ('public', 'messaging') order by 1")
                            .query(String.class)
                            .list())
                    .containsExactly(
                            "messaging.flyway_messaging_history",
                            "messaging.inbox_message",
                            "messaging.outbox_message",
                            "public.flyway_schema_history",
                            "public.product");
            assertThat(jdbc.sql(
                                    "select count(*) from messaging.flyway_messaging_history where version = '1' and success")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
