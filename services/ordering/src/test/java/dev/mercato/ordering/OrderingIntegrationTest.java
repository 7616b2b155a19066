package dev.mercato.ordering;

import static org.awaitility.Awaitility.await;

import dev.mercato.ordering.fake.FakeDownstream;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ordering service against a fresh database, the shared RabbitMQ, and fake cart/inventory/payment gRPC services
 * on a real socket that check its service tokens (issued by the test identity). Quick retries and polling so tests
 * see them within a second; the library's own retries are off so that scripted failures reach the saga.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "mercato.grpc.client.secret=ordering-test-secret",
            "ordering.saga.retry.initial=50ms",
            "ordering.saga.retry.max=400ms",
            "ordering.saga.poll-interval=100ms",
            "ordering.saga.idle-poll-interval=400ms",
            "ordering.saga.lease=3s",
            "ordering.idempotency.wait=2s"
        })
@IsolatedDatabase
public abstract class OrderingIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final FakeDownstream DOWNSTREAM = FakeDownstream.start(IDENTITY.jwksUri());
    private static final TokenForge USERS = new TokenForge(TestIdentity.ISSUER, "mercato");

    @DynamicPropertySource
    static void downstream(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("mercato.grpc.client.token-uri", IDENTITY::serviceTokenUri);
        for (String target : List.of("cart", "inventory", "payment")) {
            String prefix = "mercato.grpc.client.targets." + target;
            registry.add(prefix + ".address", DOWNSTREAM::address);
            registry.add(prefix + ".retry.max-attempts", () -> 1);
            registry.add(prefix + ".circuit-breaker.minimum-number-of-calls", () -> 100000);
            registry.add(prefix + ".circuit-breaker.sliding-window-size", () -> 100000);
            registry.add(prefix + ".bulkhead.max-concurrent-calls", () -> 200);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected HttpJson http;

    @BeforeEach
    void freshDownstream() {
        DOWNSTREAM.reset();
        http = HttpJson.at("http://localhost:" + port);
    }

    /** Sagas run on after a test's last assertion: let them end, so they do not use the next test's scripted faults. */
    @AfterEach
    void sagasSettled() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select count(*) from saga where status <> 'DONE'")
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    protected static String[] bearer(UUID user, String... roles) {
        try {
            return new String[] {
                "Authorization",
                "Bearer " + IDENTITY.sign(USERS.claims(user, List.of(roles)).build())
            };
        } catch (RuntimeException e) {
            throw e;
        }
    }

    protected static String checkoutBody(String paymentToken) {
        return """
                {"shippingAddress": {"name": "Ada Lovelace", "line1": "Via Roma 1", "city": "Milano",
                 "postalCode": "20121", "country": "IT"}, "paymentToken": "%s"}""".formatted(paymentToken);
    }

    protected HttpJson.Response checkout(UUID user, String key, String body) {
        String[] auth = bearer(user);
        return http.send(
                "POST",
                "/v1/checkout",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                auth[0],
                auth[1],
                "Idempotency-Key",
                key);
    }

    /** A user with {@code quantity} of {@code sku} (2599 cents each) in the cart, and stock for it. */
    protected UUID shopper(String sku, int quantity, int stock) {
        UUID user = UUID.randomUUID();
        DOWNSTREAM.cart.add(user, sku, quantity, 2599);
        DOWNSTREAM.inventory.stock(sku, stock);
        return user;
    }

    protected static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String status(UUID order) {
        return jdbc.sql("select status from orders where id = ?")
                .param(order)
                .query(String.class)
                .single();
    }

    protected String awaitFinal(UUID order) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !status(order).equals("PENDING")
                        && jdbc.sql("select status from saga where order_id = ?")
                                .param(order)
                                .query(String.class)
                                .single()
                                .equals("DONE"));
        return status(order);
    }

    protected List<String> events(UUID order) {
        return jdbc.sql("select type from messaging.outbox_message where aggregate_id = ? order by seq")
                .param(order.toString())
                .query(String.class)
                .list();
    }

    protected static UUID orderId(HttpJson.Response response) {
        return UUID.fromString(response.json().get("orderId").asString());
    }
}
