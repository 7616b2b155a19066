package dev.mercato.testsupport.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real PostgreSQL the tests run against: the same one the platform uses, addressed by the same environment
 * variables ({@code MERCATO_PG_HOST}, {@code MERCATO_PG_PORT}, {@code MERCATO_PG_USER}, {@code MERCATO_PG_PASSWORD}).
 */
public record PostgresServer(String host, int port, String user, String password) {

    public static PostgresServer fromEnvironment() {
        return new PostgresServer(
                env("MERCATO_PG_HOST", "localhost"),
                Integer.parseInt(env("MERCATO_PG_PORT", "5432")),
                env("MERCATO_PG_USER", "postgres"),
                env("MERCATO_PG_PASSWORD", ""));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connectToMaintenanceDatabase() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
