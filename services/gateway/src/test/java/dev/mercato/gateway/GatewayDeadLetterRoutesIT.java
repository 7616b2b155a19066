package dev.mercato.gateway;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TokenForge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operators reach a service's dead-letter API through the gateway: {@code /v1/admin/catalog/dead-letters/**} is
 * rewritten to the catalog's {@code /v1/admin/dead-letters/**}, and only with a valid token (the catalog then checks
 * the admin role itself).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "gateway.rate-limits.key-prefix=test:${random.uuid}:"
        })
class GatewayDeadLetterRoutesIT {

    static final RSAKey KEY = TokenForge.newKey();
    static final FakeDownstream identity = fake();
    static final Recorder catalog = new Recorder();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        identity.serve("/.well-known/jwks.json", new JWKSet(KEY.toPublicJWK()).toString());
        registry.add("IDENTITY_URI", identity::url);
        registry.add("CATALOG_URI", catalog::url);
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", identity::url);
    }

    @LocalServerPort
    int port;

    HttpJson http;
    final TokenForge forge = new TokenForge("mercato-identity", "mercato");

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        catalog.requests.clear();
    }

    @AfterAll
    static void stop() {
        identity.close();
        catalog.server.stop(0);
    }

    @Test
    void needsAToken() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            var response = http.send(method, "/v1/admin/catalog/dead-letters/q.dlq", null, new byte[0]);
            assertProblem(response, 401, "unauthorized");
        }
        assertThat(catalog.requests).as("never forwarded").isEmpty();
    }

    @Test
    void rewritesToTheServicesDeadLetterApi() throws Exception {
        String bearer = "Bearer "
                + forge.signed(
                        KEY,
                        KEY.getKeyID(),
                        forge.claims(UUID.randomUUID(), List.of("admin")).build());

        http.get("/v1/admin/catalog/dead-letters", "Authorization", bearer);
        http.get("/v1/admin/catalog/dead-letters/catalog.search.dlq?limit=5", "Authorization", bearer);
        http.send(
                "POST",
                "/v1/admin/catalog/dead-letters/catalog.search/messages/m-1/replay",
                null,
                new byte[0],
                "Authorization",
                bearer);
        http.send(
                "DELETE",
                "/v1/admin/catalog/dead-letters/catalog.search.dlq",
                null,
                new byte[0],
                "Authorization",
                bearer);

        assertThat(catalog.requests)
                .containsExactly(
                        "GET /v1/admin/dead-letters",
                        "GET /v1/admin/dead-letters/catalog.search.dlq?limit=5",
                        "POST /v1/admin/dead-letters/catalog.search/messages/m-1/replay",
                        "DELETE /v1/admin/dead-letters/catalog.search.dlq");
    }

    /** A stand-in catalog that records the method, path and query of each request it receives. */
    static final class Recorder {
        final Queue<String> requests = new ConcurrentLinkedQueue<>();
        final HttpServer server;

        Recorder() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }

    private static FakeDownstream fake() {
        try {
            return new FakeDownstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
