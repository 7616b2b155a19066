package dev.mercato.cart;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole cart service on a random port against the shared local Redis (keys under a prefix of the context's own)
 * and RabbitMQ (an exchange and queues of the context's own, deleted when it closes), a stand-in identity and a fake
 * catalog on a real gRPC socket; no registry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "cart.key-prefix=it:cart:${random.uuid}:",
            "cart.checkout.exchange=it.cart.events.${random.uuid}",
            "cart.checkout.queue=it.cart.order-created.${random.uuid}",
            "cart.checkout.dead-letter-exchange=it.cart.dlx.${random.uuid}",
            "cart.checkout.retry-delay=100ms",
            "mercato.grpc.client.secret=test-secret",
            // generous on a loaded 2-core machine; RedisDownIT puts the production timeouts back
            "spring.data.redis.timeout=5s",
            "spring.data.redis.connect-timeout=5s",
            "mercato.grpc.client.targets.catalog.deadline=10s",
            // tests take catalog down on purpose: keep the breaker out of the other tests' way
            "mercato.grpc.client.targets.catalog.circuit-breaker.minimum-number-of-calls=1000"
        })
@Import({GrpcPort.class, TestBroker.class})
public abstract class CartIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final FakeCatalog CATALOG = FakeCatalog.start();
    private static final TokenForge USERS = new TokenForge(TestIdentity.ISSUER, "mercato");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("mercato.grpc.auth.jwks-uri", IDENTITY::jwksUri);
        registry.add("mercato.grpc.client.token-uri", IDENTITY::serviceTokenUri);
        registry.add("mercato.grpc.client.targets.catalog.address", CATALOG::address);
    }

    @LocalServerPort
    protected int port;

    protected HttpJson http;

    @BeforeEach
    void connect() {
        http = HttpJson.at("http://localhost:" + port);
        CATALOG.down(false);
    }

    /** A signed-in customer with a cart of their own. */
    protected static Shopper shopper() {
        UUID id = UUID.randomUUID();
        return new Shopper(
                id, IDENTITY.sign(USERS.claims(id, List.of("customer")).build()));
    }

    protected HttpJson.Response send(Shopper shopper, String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        return http.send(method, path, json == null ? null : "application/json", body, shopper.bearer());
    }

    protected HttpJson.Response cart(Shopper shopper) {
        return http.get("/v1/cart", shopper.bearer());
    }

    protected HttpJson.Response add(Shopper shopper, UUID product, int quantity) {
        return send(shopper, "POST", "/v1/cart/items", """
                {"productId": "%s", "quantity": %d}""".formatted(product, quantity));
    }

    public record Shopper(UUID id, String token) {

        public String[] bearer() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }
}
