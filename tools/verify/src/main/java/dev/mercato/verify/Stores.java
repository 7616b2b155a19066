package dev.mercato.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The four stores the invariants span, as JDBC URLs with one set of credentials (the platform's PostgreSQL). The
 * checker only reads; it is an auditor's tool, so unlike a service it may look into every service's tables.
 */
public record Stores(String ordering, String payment, String provider, String inventory, String user, String password) {

    /** The databases {@code ./mercato up} uses, from the same variables and defaults as the services. */
    public static Stores fromEnvironment(Map<String, String> env) {
        String base = "jdbc:postgresql://" + env.getOrDefault("MERCATO_PG_HOST", "localhost") + ":"
                + env.getOrDefault("MERCATO_PG_PORT", "5432") + "/";
        return new Stores(
                base + env.getOrDefault("ORDERING_DB_NAME", "mercato_ordering"),
                base + env.getOrDefault("PAYMENT_DB_NAME", "mercato_payment"),
                base + env.getOrDefault("PSP_SIM_DB_NAME", "mercato_psp_sim"),
                base + env.getOrDefault("INVENTORY_DB_NAME", "mercato_inventory"),
                env.getOrDefault("MERCATO_PG_USER", "postgres"),
                env.getOrDefault("MERCATO_PG_PASSWORD", ""));
    }

    Connection open(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setReadOnly(true);
        return connection;
    }
}
