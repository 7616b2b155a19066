package dev.mercato.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.rabbitmq.PrivateRabbit;
import dev.mercato.verify.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform, every service from its built jar as its own process on free ports, wired the way
 * {@code ./mercato up} wires it: databases of its own on the local PostgreSQL, a RabbitMQ node of its own, key
 * prefixes of its own on the local Redis, a generated secret per calling service. Started once per test JVM and shared
 * by the end-to-end and scenario tests (a start costs about a minute on two cores); a test that stops or restarts a
 * service starts it again before it ends.
 */
final class Platform implements AutoCloseable {

    private static final Path SERVICES = Path.of(System.getProperty("mercato.services.dir", "../services"));
    private static final Path LOGS = Path.of("target", "e2e-logs");
    // Ten JVMs start at once on two cores; on a slow box the last of them is ready after minutes, and registry and
    // gateway then need their own refresh rounds.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration ROUTING_TIMEOUT = Duration.ofSeconds(180);

    static final String ADMIN_EMAIL = "admin@mercato.local";
    static final String ADMIN_PASSWORD = "e2e operator passphrase";
    static final String SUPPORT_EMAIL = "support@mercato.local";
    static final String SUPPORT_PASSWORD = "e2e chat agent passphrase";

    /** In start order: each service's HTTP port variable, database (or null) and gRPC port variable (or null). */
    private record Service(String name, String portVariable, String database, String grpcPortVariable) {}

    private static final List<Service> SERVICES_IN_ORDER = List.of(
            new Service("discovery", "DISCOVERY_PORT", null, null),
            new Service("identity", "IDENTITY_PORT", "IDENTITY_DB_NAME", null),
            new Service("catalog", "CATALOG_PORT", "CATALOG_DB_NAME", "CATALOG_GRPC_PORT"),
            new Service("psp-sim", "PSP_SIM_PORT", "PSP_SIM_DB_NAME", null),
            new Service("payment", "PAYMENT_PORT", "PAYMENT_DB_NAME", "PAYMENT_GRPC_PORT"),
            new Service("inventory", "INVENTORY_PORT", "INVENTORY_DB_NAME", "INVENTORY_GRPC_PORT"),
            new Service("cart", "CART_PORT", null, "CART_GRPC_PORT"),
            new Service("ordering", "ORDERING_PORT", "ORDERING_DB_NAME", null),
            new Service("realtime", "REALTIME_PORT", "REALTIME_DB_NAME", null),
            new Service("notifications", "NOTIFICATIONS_PORT", "NOTIFICATIONS_DB_NAME", null),
            new Service("chat", "CHAT_PORT", "CHAT_DB_NAME", null),
            new Service("documents", "DOCUMENTS_PORT", "DOCUMENTS_DB_NAME", null),
            new Service("gateway", "GATEWAY_PORT", null, null));

    /** Who calls whom over gRPC, as in scripts/lib/config.sh. */
    private static final Map<String, String> SERVICE_CLIENTS =
            Map.of("ordering", "cart,inventory,payment", "cart", "catalog");

    private static Platform shared;

    private final PrivateRabbit rabbit;
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, ServiceProcess> running = new HashMap<>();
    private final Map<String, Integer> starts = new HashMap<>();
    private int gatewayManagementPort;
    /** The SMTP server notifications sends to: GreenMail in this JVM, as `./mercato up` starts a standalone one. */
    private final GreenMail smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));

    private Platform(PrivateRabbit rabbit) {
        this.rabbit = rabbit;
    }

    /** The platform of this test JVM, started on first use and stopped when the JVM exits. */
    static synchronized Platform shared() {
        if (shared == null) {
            Platform platform = new Platform(PrivateRabbit.start());
            try {
                platform.startAll();
            } catch (RuntimeException | IOException e) {
                platform.close();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "stop-e2e-platform"));
            shared = platform;
        }
        return shared;
    }

    private void startAll() throws IOException {
        String redisPrefix = "test:e2e:" + UUID.randomUUID() + ":";
        environment.put("MERCATO_LOG_FORMAT", "text");
        environment.put("MERCATO_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("MERCATO_SUPPORT_PASSWORD", SUPPORT_PASSWORD);
        environment.put("MERCATO_RABBIT_HOST", rabbit.host());
        environment.put("MERCATO_RABBIT_PORT", String.valueOf(rabbit.port()));
        environment.put("MERCATO_RABBIT_USER", "guest");
        environment.put("MERCATO_RABBIT_PASSWORD", "guest");
        environment.put("MERCATO_RABBIT_VHOST", "/");
        environment.put("GATEWAY_RATE_LIMIT_KEY_PREFIX", redisPrefix + "gateway:");
        environment.put("IDENTITY_THROTTLE_KEY_PREFIX", redisPrefix + "identity:");
        environment.put("CATALOG_REDIS_KEY_PREFIX", redisPrefix + "catalog:");
        environment.put("CART_REDIS_KEY_PREFIX", redisPrefix + "cart:");
        environment.put("REALTIME_REDIS_KEY_PREFIX", redisPrefix + "realtime:");
        // scenarios send hundreds of logins and checkouts from one address within seconds
        environment.put("GATEWAY_RATE_LIMIT_AUTH_PER_MINUTE", "100000");
        environment.put("GATEWAY_RATE_LIMIT_AUTH_BURST", "10000");
        environment.put("GATEWAY_RATE_LIMIT_CHECKOUT_PER_SECOND", "10000");
        environment.put("GATEWAY_RATE_LIMIT_CHECKOUT_BURST", "10000");
        environment.put("GATEWAY_RATE_LIMIT_GLOBAL_PER_MINUTE", "1000000");
        environment.put("GATEWAY_RATE_LIMIT_CATALOG_PER_SECOND", "10000");
        environment.put("GATEWAY_RATE_LIMIT_CATALOG_BURST", "10000");
        // the same goes for identity's failed-login throttle: FuzzE2E alone sends thousands of refused logins from
        // this address, and every later test's logins would be refused for 15 minutes (identity's ITs test it)
        environment.put("IDENTITY_LOGIN_FAILURES_PER_ADDRESS", "1000000");
        environment.put(
                "DOCUMENTS_DIR", LOGS.resolve("documents").toAbsolutePath().toString());
        smtp.start();
        environment.put("MERCATO_SMTP_HOST", "127.0.0.1");
        environment.put("MERCATO_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        for (Service service : SERVICES_IN_ORDER) {
            int port = ServiceProcess.freePort();
            ports.put(service.name(), port);
            environment.put(service.portVariable(), String.valueOf(port));
            if (service.database() != null) {
                TestDatabase database =
                        TestDatabase.create("e2e" + service.name().replace("-", ""));
                databases.put(service.name(), database);
                environment.put(service.database(), database.name());
                environment.putIfAbsent("MERCATO_PG_HOST", database.server().host());
                environment.putIfAbsent(
                        "MERCATO_PG_PORT", String.valueOf(database.server().port()));
                environment.putIfAbsent("MERCATO_PG_USER", database.server().user());
                environment.putIfAbsent("MERCATO_PG_PASSWORD", database.server().password());
            }
            if (service.grpcPortVariable() != null) {
                int grpcPort = ServiceProcess.freePort();
                environment.put(service.grpcPortVariable(), String.valueOf(grpcPort));
                environment.put(service.name().toUpperCase() + "_GRPC_ADDRESS", "static://localhost:" + grpcPort);
            }
        }
        gatewayManagementPort = ServiceProcess.freePort();
        environment.put("GATEWAY_MANAGEMENT_PORT", String.valueOf(gatewayManagementPort));
        environment.put("EUREKA_URL", "http://localhost:" + ports.get("discovery") + "/eureka/");
        environment.put("IDENTITY_URL", "http://localhost:" + ports.get("identity"));
        environment.put("PSP_SIM_URL", "http://localhost:" + ports.get("psp-sim"));
        environment.put("PSP_SIM_WEBHOOK_URL", "http://localhost:" + ports.get("payment") + "/webhooks/psp");
        environment.put(
                "PSP_SIM_WEBHOOK_SECRET",
                "whsec_" + UUID.randomUUID().toString().replace("-", ""));
        SERVICE_CLIENTS.forEach((client, audiences) -> {
            String upper = client.toUpperCase();
            environment.put("IDENTITY_SERVICECLIENTS_CLIENTS_" + upper + "_SECRETSHA256", sha256(secretOf(client)));
            environment.put("IDENTITY_SERVICECLIENTS_CLIENTS_" + upper + "_AUDIENCES", audiences);
        });

        for (Service service : SERVICES_IN_ORDER) {
            launch(service.name(), Map.of());
        }
        CompletableFuture.allOf(running.values().stream()
                        .map(process -> CompletableFuture.runAsync(() -> process.awaitReady(START_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
        awaitRouting();
    }

    private String secretOf(String client) {
        return secrets.computeIfAbsent(client, ignored -> UUID.randomUUID() + "-" + UUID.randomUUID());
    }

    private void launch(String name, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        if (SERVICE_CLIENTS.containsKey(name)) {
            env.put("MERCATO_SERVICE_CLIENT_SECRET", secretOf(name));
        }
        env.putAll(extra);
        int start = starts.merge(name, 1, Integer::sum);
        String logName = start == 1 ? name : name + "-" + start;
        running.put(name, ServiceProcess.start(logName, jar(name), ports.get(name), env, LOGS));
    }

    /**
     * Registration travels service → registry → gateway. Wait for the registry first, then for the gateway's copy of
     * it, probing the gateway gently so early "no instance" answers stay few.
     */
    private void awaitRouting() {
        HttpJson registry = direct("discovery");
        List<String> registered = List.of(
                "IDENTITY", "CATALOG", "CART", "ORDERING", "INVENTORY", "PAYMENT", "REALTIME", "CHAT", "DOCUMENTS");
        Awaitility.await("services UP in the registry (logs in " + LOGS.toAbsolutePath() + ")")
                .atMost(ROUTING_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String apps = registry.get("/eureka/apps", "Accept", "application/json")
                            .text();
                    return registered.stream().allMatch(app -> apps.contains("\"" + app + "\""))
                            && !apps.contains("\"status\":\"STARTING\"");
                });
        HttpJson http = viaGateway();
        Awaitility.await("gateway routes to every service")
                .atMost(ROUTING_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> http.get("/v1/categories").status() == 200
                        && http.get("/.well-known/jwks.json").status() == 200
                        && http.get("/v1/cart").status() == 401
                        && http.get("/v1/orders").status() == 401
                        && http.get("/v1/stream?topics=orders").status() == 401
                        && http.get("/v1/chat/conversations").status() == 401);
    }

    /** Stops a service gracefully and starts it again with extra settings (e.g. failpoints), waiting until ready. */
    void restart(String name, Map<String, String> extra) throws IOException {
        running.get(name).stop();
        start(name, extra);
    }

    void stop(String name) {
        running.get(name).stop();
    }

    void start(String name, Map<String, String> extra) throws IOException {
        launch(name, extra);
        running.get(name).awaitReady(START_TIMEOUT);
        awaitSteady(name);
    }

    /** A request through the gateway that reaches the service (as the admin), for the services the gateway routes. */
    private static final Map<String, String> ROUTED_PROBES = Map.of(
            "catalog", "/v1/categories",
            "cart", "/v1/cart",
            "ordering", "/v1/orders",
            "inventory", "/v1/inventory/MC-000001");

    private static final int STEADY_ROUNDS = 12;

    /**
     * Waits after a (re)start until the restarted service and the paths a shopper uses have answered through the
     * gateway without a 5xx for {@value #STEADY_ROUNDS} rounds in a row. A ready instance is not yet a steady
     * platform: the gateway's registry and load-balancer caches, and the callers' breakers towards the service, settle
     * only after a few registry fetches (one success right after a restart was followed by "no servers available" for
     * ordering 7 s later), and the next test asserts "no 5xx" from its first request.
     */
    private void awaitSteady(String name) {
        if (!running.containsKey("gateway")) {
            return;
        }
        HttpJson gateway = viaGateway();
        String adminToken = Shopper.login(gateway, ADMIN_EMAIL, ADMIN_PASSWORD);
        Shopper shopper = Shopper.register(gateway);
        String productId = direct("catalog")
                .get("/v1/products?limit=1")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        String probe = ROUTED_PROBES.get(name);
        ServiceProcess process = running.get(name);
        AtomicInteger streak = new AtomicInteger();
        Awaitility.await("a steady platform after starting " + name + ": " + STEADY_ROUNDS
                        + " rounds of requests through the gateway without a 5xx")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .failFast(name + " exited", () -> !process.isAlive())
                .until(() -> {
                    boolean fine = (probe == null
                                    || gateway.get(probe, "Authorization", "Bearer " + adminToken)
                                                    .status()
                                            < 500)
                            && shopper.addOnce(productId, 1).status() < 500
                            && shopper.send("DELETE", "/v1/cart", "").status() < 500
                            && Stream.of("/v1/products?limit=5", "/v1/cart", "/v1/orders")
                                    .allMatch(path -> shopper.get(path).status() < 500);
                    if (!fine) {
                        streak.set(0);
                        return false;
                    }
                    return streak.incrementAndGet() >= STEADY_ROUNDS;
                });
    }

    /**
     * Starts one more instance of {@code service} (the same jar and settings, a port of its own) named
     * {@code instance}, and waits until it is ready. It registers like the first; it is stopped with the platform, or
     * by the test with {@link #stop}. Not for {@link #restart}.
     */
    ServiceProcess startInstance(String service, String instance) throws IOException {
        ports.put(instance, ServiceProcess.freePort());
        return launchInstance(service, instance);
    }

    /**
     * Starts an instance from {@link #startInstance} again after it was stopped or killed, on the port it had (its
     * clients come back to the same address), and waits until it is ready.
     */
    ServiceProcess startInstanceAgain(String service, String instance) throws IOException {
        return launchInstance(service, instance);
    }

    private ServiceProcess launchInstance(String service, String instance) throws IOException {
        Service known = SERVICES_IN_ORDER.stream()
                .filter(candidate -> candidate.name().equals(service))
                .findFirst()
                .orElseThrow();
        int port = ports.get(instance);
        Map<String, String> env = new HashMap<>(environment);
        env.put(known.portVariable(), String.valueOf(port));
        int start = starts.merge(instance, 1, Integer::sum);
        String logName = start == 1 ? instance : instance + "-" + start;
        ServiceProcess process = ServiceProcess.start(logName, jar(service), port, env, LOGS);
        running.put(instance, process);
        process.awaitReady(START_TIMEOUT);
        return process;
    }

    /**
     * Removes a killed instance from the registry at once, and waits until the gateway routes the service's requests
     * elsewhere: a killed process cannot deregister, and its lease would keep it listed for over a minute, failing the
     * later tests' requests the gateway sends it.
     */
    void forget(String service, String instance, String probe, int expectedStatus) {
        HttpJson registry = direct("discovery");
        String app = "/eureka/apps/" + service.toUpperCase();
        for (JsonNode registered : registry.get(app, "Accept", "application/json")
                .json()
                .path("application")
                .path("instance")) {
            if (registered.path("port").path("$").asInt() == ports.get(instance)) {
                registry.send("DELETE", app + "/" + registered.get("instanceId").asString(), null, new byte[0]);
            }
        }
        HttpJson gateway = viaGateway();
        AtomicInteger streak = new AtomicInteger();
        Awaitility.await("the gateway routes " + service + " around " + instance)
                .atMost(ROUTING_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.get(probe).status() == expectedStatus
                        ? streak.incrementAndGet() >= STEADY_ROUNDS
                        : streak.getAndSet(0) < 0);
    }

    ServiceProcess process(String name) {
        return running.get(name);
    }

    HttpJson viaGateway() {
        return direct("gateway");
    }

    int port(String service) {
        return ports.get(service);
    }

    HttpJson direct(String service) {
        return new HttpJson(running.get(service).url(""));
    }

    /** Where a service serves {@code /actuator}: the gateway on its management port, the others on their own port. */
    HttpJson management(String service) {
        return "gateway".equals(service) ? HttpJson.at("http://localhost:" + gatewayManagementPort) : direct(service);
    }

    GreenMail smtp() {
        return smtp;
    }

    String amqpUri() {
        return rabbit.amqpUri();
    }

    TestDatabase database(String service) {
        return databases.get(service);
    }

    /** Where the invariant checker reads this platform's stores. */
    Stores stores() {
        TestDatabase ordering = databases.get("ordering");
        return new Stores(
                ordering.jdbcUrl(),
                databases.get("payment").jdbcUrl(),
                databases.get("psp-sim").jdbcUrl(),
                databases.get("inventory").jdbcUrl(),
                ordering.server().user(),
                ordering.server().password());
    }

    private static Path jar(String service) {
        return SERVICES.resolve(service)
                .resolve("target")
                .resolve(service + ".jar")
                .toAbsolutePath();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // the registry last, so that the others can still deregister
        CompletableFuture.allOf(running.entrySet().stream()
                        .filter(entry -> !entry.getKey().equals("discovery"))
                        .map(entry -> CompletableFuture.runAsync(entry.getValue()::stop))
                        .toArray(CompletableFuture[]::new))
                .join();
        if (running.containsKey("discovery")) {
            running.get("discovery").stop();
        }
        databases.values().forEach(TestDatabase::drop);
        rabbit.close();
        smtp.stop();
    }
}
