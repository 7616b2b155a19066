package dev.mercato.testsupport.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of its own on the real local PostgreSQL, created for one test context or one test run and dropped
 * afterwards. Names carry their creation time, so databases left behind by a killed run are swept by a later one.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final String PREFIX = "mercato_it_";
    private static final Duration STALE_AFTER = Duration.ofHours(3);

    private final PostgresServer server;
    private final String name;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        PostgresServer server = PostgresServer.fromEnvironment();
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + sanitize(purpose) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        try (Connection admin = server.connectToMaintenanceDatabase();
                Statement sql = admin.createStatement()) {
            sweepStale(sql);
            sql.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot create test database on " + server.jdbcUrl("postgres")
                            + " (is PostgreSQL running? ./mercato test checks this)",
                    e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public PostgresServer server() {
        return server;
    }

    public void drop() {
        try (Connection admin = server.connectToMaintenanceDatabase();
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            log.warn("Could not drop test database {}; a later run will sweep it", name, e);
        }
    }

    @Override
    public void close() {
        drop();
    }

    private static void sweepStale(Statement sql) throws SQLException {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (ResultSet rs = sql.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rs.next()) {
                String existing = rs.getString(1);
                if (createdAt(existing) < cutoff) {
                    stale.add(existing);
                }
            }
        }
        for (String existing : stale) {
            sql.execute("drop database if exists " + existing + " with (force)");
        }
    }

    private static long createdAt(String name) {
        String rest = name.substring(PREFIX.length());
        int end = rest.indexOf('_');
        try {
            return Long.parseLong(end < 0 ? rest : rest.substring(0, end));
        } catch (NumberFormatException notOurs) {
            return Long.MAX_VALUE;
        }
    }

    private static String sanitize(String purpose) {
        String clean = purpose.toLowerCase().replaceAll("[^a-z0-9]", "");
        return clean.length() > 20 ? clean.substring(0, 20) : clean;
    }
}
