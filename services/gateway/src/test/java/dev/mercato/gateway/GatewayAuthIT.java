package dev.mercato.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TokenForge;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
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
 * Token checks at the edge, with a stand-in identity publishing a test key: routes declare whether they need a token,
 * any token presented must be valid, and the verified caller is forwarded.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "gateway.rate-limits.key-prefix=test:${random.uuid}:"
        })
class GatewayAuthIT {

    static final RSAKey KEY = TokenForge.newKey();
    static final FakeDownstream identity = start();
    static final FakeDownstream catalog = start();

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
    TokenForge forge = new TokenForge("mercato-identity", "mercato");

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        identity.reset();
        catalog.reset();
    }

    @AfterAll
    static void stop() {
        identity.close();
        catalog.close();
    }

    @Test
    void refusesRoutesThatNeedATokenWithoutOne() {
        var response = http.get("/v1/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        assertThat(identity.lastHeader("X-Request-Id")).as("never forwarded").isNull();
    }

    @Test
    void forwardsTheVerifiedCaller() throws Exception {
        UUID user = UUID.randomUUID();
        String token = forge.signed(
                KEY, KEY.getKeyID(), forge.claims(user, List.of("customer")).build());

        var response = http.get("/v1/users/me", "Authorization", "Bearer " + token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(identity.lastHeader("X-User-Id")).isEqualTo(user.toString());
        assertThat(identity.lastHeader("X-User-Roles")).isEqualTo("customer");
        assertThat(identity.lastHeader("Authorization"))
                .as("services verify it again")
                .isEqualTo("Bearer " + token);
    }

    @Test
    void letsAnonymousCallersUsePublicRoutesButStripsForgedIdentityHeaders() {
        var response =
                http.get("/v1/products", "X-User-Id", "00000000-0000-0000-0000-000000000001", "X-User-Roles", "admin");

        assertThat(response.status()).isEqualTo(200);
        assertThat(catalog.lastHeader("X-User-Id")).isNull();
        assertThat(catalog.lastHeader("X-User-Roles")).isNull();
        assertThat(http.send("POST", "/v1/auth/login", "application/json", "{}".getBytes())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesInvalidTokensEvenOnPublicRoutes() throws Exception {
        UUID user = UUID.randomUUID();
        RSAKey rogue = TokenForge.newKey();
        var claims = forge.claims(user, List.of("admin")).build();
        List<String> invalid = List.of(
                forge.signed(rogue, rogue.getKeyID(), claims),
                forge.signed(
                        KEY,
                        KEY.getKeyID(),
                        forge.claims(user, List.of("admin"))
                                .expirationTime(new Date(System.currentTimeMillis() - 120_000))
                                .build()),
                forge.signed(
                        KEY,
                        KEY.getKeyID(),
                        forge.claims(user, List.of("admin"))
                                .audience("someone-else")
                                .build()),
                TokenForge.unsigned(claims),
                forge.hmacWithPublicKey(KEY, claims),
                "garbage");

        for (String token : invalid) {
            var response = http.get("/v1/products", "Authorization", "Bearer " + token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(catalog.requests()).isZero();
    }

    @Test
    void answersAtOnceWhenIdentitysKeysCannotBeFetched() throws Exception {
        RSAKey unseen = TokenForge.newKey(); // a key id the gateway has not cached makes it fetch the keys again
        String token = forge.signed(
                unseen,
                unseen.getKeyID(),
                forge.claims(UUID.randomUUID(), List.of("customer")).build());
        identity.answerAfter(Duration.ofSeconds(15));

        long started = System.nanoTime();
        var response = http.get("/v1/products", "Authorization", "Bearer " + token);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(catalog.requests()).isZero();
    }

    @Test
    void refusesWritesToTheCatalogWithoutAToken() {
        var response = http.send("POST", "/v1/products", "application/json", "{}".getBytes());

        assertThat(response.status()).isEqualTo(401);
        assertThat(catalog.requests()).isZero();
    }

    private static FakeDownstream start() {
        try {
            return new FakeDownstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
