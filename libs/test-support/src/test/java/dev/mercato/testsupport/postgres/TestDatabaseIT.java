package dev.mercato.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TestDatabaseIT {

    @Test
    void createsAnEmptyDatabaseAndDropsItAgain() throws SQLException {
        TestDatabase database = TestDatabase.create("selftest");
        var server = database.server();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), server.user(), server.password());
                var rs = connection
                        .createStatement()
                        .executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }

        database.drop();

        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), server.user(), server.password())
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(database.name());
    }

    @Test
    void givesEveryCallerItsOwnDatabase() {
        try (TestDatabase first = TestDatabase.create("a");
                TestDatabase second = TestDatabase.create("a")) {
            assertThat(first.name()).isNotEqualTo(second.name()).startsWith("mercato_it_");
        }
    }
}
