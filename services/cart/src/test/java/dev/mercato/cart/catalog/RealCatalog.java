package dev.mercato.cart.catalog;

import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.rabbitmq.PrivateRabbit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The real catalog service from its built jar, on a database of its own (migrated and seeded with its demo products)
 * and a RabbitMQ node of its own, so nothing it declares lands on the shared broker. No registry, no cache.
 */
final class RealCatalog implements AutoCloseable {

    record SeededProduct(UUID id, String sku, String englishName, String italianName, BigDecimal price) {}

    private final TestDatabase database;
    private final PrivateRabbit rabbit;
    private final ServiceProcess process;
    private final int grpcPort;

    private RealCatalog(TestIdentity identity) {
        database = TestDatabase.create("cart_catalog");
        rabbit = PrivateRabbit.start();
        grpcPort = ServiceProcess.freePort();
        int port = ServiceProcess.freePort();
        Path jar = Path.of(System.getProperty("catalog.jar", "../catalog/target/catalog.jar"))
                .toAbsolutePath();
        var server = database.server();
        try {
            process = ServiceProcess.start(
                    "catalog",
                    jar,
                    port,
                    Map.ofEntries(
                            Map.entry("CATALOG_PORT", String.valueOf(port)),
                            Map.entry("CATALOG_GRPC_PORT", String.valueOf(grpcPort)),
                            Map.entry("CATALOG_DB_NAME", database.name()),
                            Map.entry("MERCATO_PG_HOST", server.host()),
                            Map.entry("MERCATO_PG_PORT", String.valueOf(server.port())),
                            Map.entry("MERCATO_PG_USER", server.user()),
                            Map.entry("MERCATO_PG_PASSWORD", server.password()),
                            Map.entry("MERCATO_RABBIT_HOST", rabbit.host()),
                            Map.entry("MERCATO_RABBIT_PORT", String.valueOf(rabbit.port())),
                            Map.entry("CATALOG_CACHE_ENABLED", "false"),
                            Map.entry("EUREKA_CLIENT_ENABLED", "false"),
                            Map.entry("IDENTITY_JWKS_URI", identity.jwksUri()),
                            Map.entry("MERCATO_LOG_FORMAT", "text")),
                    Path.of("target", "catalog-logs"));
            process.awaitReady(Duration.ofSeconds(180));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static RealCatalog start(TestIdentity identity) {
        return new RealCatalog(identity);
    }

    String grpcAddress() {
        return "static://127.0.0.1:" + grpcPort;
    }

    /** The n-th demo product (1..5000), as the seed wrote it. */
    SeededProduct seeded(int n) throws SQLException {
        try (Connection db = connect();
                var sql = db.prepareStatement(
                        "select id, sku, names ->> 'en', names ->> 'it', price_amount from product where sku = ?")) {
            sql.setString(1, "MC-%06d".formatted(n));
            try (var row = sql.executeQuery()) {
                row.next();
                return new SeededProduct(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getBigDecimal(5));
            }
        }
    }

    /** Changes a row behind catalog's API, as an admin write would. */
    void update(UUID product, String assignment) throws SQLException {
        try (Connection db = connect();
                var sql = db.prepareStatement("update product set " + assignment + " where id = ?")) {
            sql.setObject(1, product);
            sql.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        var server = database.server();
        return DriverManager.getConnection(database.jdbcUrl(), server.user(), server.password());
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
        rabbit.close();
        database.drop();
    }
}
