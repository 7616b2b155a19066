package dev.mercato.e2e;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/**
 * Discovery, identity, catalog and gateway started from their built jars as separate processes on free ports, wired the way
 * {@code ./mercato up} wires them, against a database of their own.
 */
final class Platform implements AutoCloseable {

    private static final Path SERVICES = Path.of(System.getProperty("mercato.services.dir", "../services"));
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    static final String ADMIN_EMAIL = "admin@mercato.local";
    static final String ADMIN_PASSWORD = "e2e operator passphrase";

    final TestDatabase catalogDatabase;
    final TestDatabase identityDatabase;
    final ServiceProcess discovery;
    final ServiceProcess identity;
    final ServiceProcess catalog;
    final ServiceProcess gateway;

    private Platform(
            TestDatabase catalogDatabase,
            TestDatabase identityDatabase,
            ServiceProcess discovery,
            ServiceProcess identity,
            ServiceProcess catalog,
            ServiceProcess gateway) {
        this.catalogDatabase = catalogDatabase;
        this.identityDatabase = identityDatabase;
        this.discovery = discovery;
        this.identity = identity;
        this.catalog = catalog;
        this.gateway = gateway;
    }

    static Platform start() throws IOException {
        TestDatabase catalogDatabase = TestDatabase.create("e2ecatalog");
        TestDatabase identityDatabase = TestDatabase.create("e2eidentity");
        int discoveryPort = ServiceProcess.freePort();
        int identityPort = ServiceProcess.freePort();
        int catalogPort = ServiceProcess.freePort();
        int gatewayPort = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("MERCATO_LOG_FORMAT", "text");
        env.put("EUREKA_URL", "http://localhost:" + discoveryPort + "/eureka/");
        env.put("DISCOVERY_PORT", String.valueOf(discoveryPort));
        env.put("CATALOG_PORT", String.valueOf(catalogPort));
        env.put("GATEWAY_PORT", String.valueOf(gatewayPort));
        env.put("IDENTITY_PORT", String.valueOf(identityPort));
        env.put("CATALOG_DB_NAME", catalogDatabase.name());
        env.put("IDENTITY_DB_NAME", identityDatabase.name());
        env.put("MERCATO_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // product history would need its own queue on the shared broker; these tests do not write products
        env.put("CATALOG_HISTORY_ENABLED", "false");
        String redisPrefix = "test:e2e:" + java.util.UUID.randomUUID() + ":";
        env.put("GATEWAY_RATE_LIMIT_KEY_PREFIX", redisPrefix + "gateway:");
        env.put("IDENTITY_THROTTLE_KEY_PREFIX", redisPrefix + "identity:");
        env.put("CATALOG_REDIS_KEY_PREFIX", redisPrefix + "catalog:");
        env.put("MERCATO_PG_HOST", catalogDatabase.server().host());
        env.put("MERCATO_PG_PORT", String.valueOf(catalogDatabase.server().port()));
        env.put("MERCATO_PG_USER", catalogDatabase.server().user());
        env.put("MERCATO_PG_PASSWORD", catalogDatabase.server().password());

        ServiceProcess discovery = ServiceProcess.start("discovery", jar("discovery"), discoveryPort, env, LOGS);
        ServiceProcess identity = ServiceProcess.start("identity", jar("identity"), identityPort, env, LOGS);
        ServiceProcess catalog = ServiceProcess.start("catalog", jar("catalog"), catalogPort, env, LOGS);
        ServiceProcess gateway = ServiceProcess.start("gateway", jar("gateway"), gatewayPort, env, LOGS);
        Platform platform = new Platform(catalogDatabase, identityDatabase, discovery, identity, catalog, gateway);
        try {
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> discovery.awaitReady(START_TIMEOUT)),
                            CompletableFuture.runAsync(() -> identity.awaitReady(START_TIMEOUT)),
                            CompletableFuture.runAsync(() -> catalog.awaitReady(START_TIMEOUT)),
                            CompletableFuture.runAsync(() -> gateway.awaitReady(START_TIMEOUT)))
                    .join();
            platform.awaitRouting();
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    /**
     * Registration travels service → registry → gateway. Wait for the registry first, then for the gateway's copy of
     * it, probing the gateway gently so early "no instance" answers stay few.
     */
    private void awaitRouting() {
        HttpJson registry = direct(discovery);
        Awaitility.await("identity and catalog UP in the registry (logs in " + LOGS.toAbsolutePath() + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String apps = registry.get("/eureka/apps", "Accept", "application/json")
                            .text();
                    return apps.contains("\"IDENTITY\"")
                            && apps.contains("\"CATALOG\"")
                            && !apps.contains("\"status\":\"STARTING\"");
                });
        HttpJson http = viaGateway();
        Awaitility.await("gateway routes to catalog and identity")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> http.get("/v1/categories").status() == 200
                        && http.get("/.well-known/jwks.json").status() == 200);
    }

    HttpJson viaGateway() {
        return new HttpJson(gateway.url(""));
    }

    HttpJson direct(ServiceProcess service) {
        return new HttpJson(service.url(""));
    }

    private static Path jar(String service) {
        return SERVICES.resolve(service)
                .resolve("target")
                .resolve(service + ".jar")
                .toAbsolutePath();
    }

    @Override
    public void close() {
        gateway.stop();
        catalog.stop();
        identity.stop();
        discovery.stop();
        catalogDatabase.drop();
        identityDatabase.drop();
    }
}
