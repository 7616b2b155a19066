package dev.mercato.gateway;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TokenForge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operators read each service's scheduled jobs through the gateway: {@code /v1/admin/<service>/jobs} is the service's
 * {@code /v1/admin/jobs} (libs/jobs), GET only, and only with a valid token (the service checks the admin role).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "gateway.rate-limits.key-prefix=test:${random.uuid}:"
        })
class GatewayJobRoutesIT {

    static final RSAKey KEY = TokenForge.newKey();
    static final FakeDownstream identity = fake();
    static final GatewayDeadLetterRoutesIT.Recorder inventory = new GatewayDeadLetterRoutesIT.Recorder();
    static final GatewayDeadLetterRoutesIT.Recorder payment = new GatewayDeadLetterRoutesIT.Recorder();
    static final GatewayDeadLetterRoutesIT.Recorder cart = new GatewayDeadLetterRoutesIT.Recorder();
    static final GatewayDeadLetterRoutesIT.Recorder ordering = new GatewayDeadLetterRoutesIT.Recorder();
    static final GatewayDeadLetterRoutesIT.Recorder documents = new GatewayDeadLetterRoutesIT.Recorder();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        identity.serve("/.well-known/jwks.json", new JWKSet(KEY.toPublicJWK()).toString());
        registry.add("IDENTITY_URI", identity::url);
        registry.add("INVENTORY_URI", inventory::url);
        registry.add("PAYMENT_URI", payment::url);
        registry.add("CART_URI", cart::url);
        registry.add("ORDERING_URI", ordering::url);
        registry.add("DOCUMENTS_URI", documents::url);
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", identity::url);
    }

    @LocalServerPort
    int port;

    HttpJson http;
    final TokenForge forge = new TokenForge("mercato-identity", "mercato");

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        List.of(inventory, payment, cart, ordering, documents).forEach(service -> service.requests.clear());
    }

    @AfterAll
    static void stop() {
        identity.close();
        List.of(inventory, payment, cart, ordering, documents).forEach(service -> service.server.stop(0));
    }

    @Test
    void needsAToken() {
        assertProblem(http.get("/v1/admin/inventory/jobs"), 401, "unauthorized");
        assertThat(inventory.requests).as("never forwarded").isEmpty();
    }

    @Test
    void leadsToEachServicesJobs() throws Exception {
        String bearer = "Bearer "
                + forge.signed(
                        KEY,
                        KEY.getKeyID(),
                        forge.claims(UUID.randomUUID(), List.of("admin")).build());

        http.get("/v1/admin/inventory/jobs?runs=3", "Authorization", bearer);
        http.get("/v1/admin/payment/jobs", "Authorization", bearer);
        http.get("/v1/admin/cart/jobs", "Authorization", bearer);
        http.get("/v1/admin/ordering/jobs?runs=1", "Authorization", bearer);
        http.get("/v1/admin/documents/jobs", "Authorization", bearer);
        http.get("/v1/admin/documents/jobs/" + UUID.randomUUID(), "Authorization", bearer);
        var post = http.send("POST", "/v1/admin/cart/jobs", null, new byte[0], "Authorization", bearer);

        assertThat(inventory.requests).containsExactly("GET /v1/admin/jobs?runs=3");
        assertThat(payment.requests).containsExactly("GET /v1/admin/jobs");
        assertThat(cart.requests).as("read-only: a POST is not routed").containsExactly("GET /v1/admin/jobs");
        assertThat(ordering.requests).containsExactly("GET /v1/admin/jobs?runs=1");
        assertThat(documents.requests)
                .as("the scheduled jobs; a bulk document job keeps its own path")
                .hasSize(2)
                .startsWith("GET /v1/admin/jobs")
                .anyMatch(request -> request.startsWith("GET /v1/admin/documents/jobs/"));
        assertThat(post.status()).isIn(404, 405);
    }

    private static FakeDownstream fake() {
        try {
            return new FakeDownstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
