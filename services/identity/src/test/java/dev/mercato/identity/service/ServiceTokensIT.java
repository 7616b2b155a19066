package dev.mercato.identity.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.identity.support.Sha256;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "MERCATO_ADMIN_PASSWORD=operator-secret-for-tests",
            "identity.login-throttle.key-prefix=test:${random.uuid}:",
            "identity.service-clients.clients.ordering.secret-sha256=" + ServiceTokensIT.ORDERING_SECRET_SHA256,
            "identity.service-clients.clients.ordering.audiences=identity,inventory"
        })
@IsolatedDatabase
class ServiceTokensIT {

    static final String ORDERING_SECRET = "ordering-secret-0123456789abcdef";
    static final String ORDERING_SECRET_SHA256 = "e8501d08249801a97d9f05d97ccf7e6cedd250199dcc5f07991732d309c011c2";

    @LocalServerPort
    int port;

    HttpJson http;
    String adminId;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        String admin = login("admin@mercato.local", "operator-secret-for-tests");
        adminId = http.get("/v1/users/me", "Authorization", "Bearer " + admin)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void thePrecomputedDigestMatchesTheSecret() {
        assertThat(Sha256.hex(ORDERING_SECRET)).isEqualTo(ORDERING_SECRET_SHA256);
    }

    @Test
    void issuesAShortLivedTokenForAnAllowedAudience() {
        var issued = requestToken("ordering", ORDERING_SECRET, "identity");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertThat(issued.json().get("expiresIn").asInt()).isEqualTo(300);
    }

    @Test
    void refusesWrongSecretsUnknownClientsAndForeignAudiences() {
        assertThat(requestToken("ordering", "guess", "identity").status()).isEqualTo(401);
        assertThat(requestToken("stranger", ORDERING_SECRET, "identity").status())
                .isEqualTo(401);
        assertThat(requestToken("ordering", ORDERING_SECRET, "payment").status())
                .isEqualTo(403);
    }

    @Test
    void admitsInternalCallsOnlyWithAServiceTokenForThisService() {
        String forIdentity = token("identity");
        String forInventory = token("inventory");
        String userToken = login("admin@mercato.local", "operator-secret-for-tests");
        String path = "/internal/v1/users/" + adminId;

        assertThat(http.get(path).status()).as("no token").isEqualTo(401);
        assertThat(http.get(path, "Authorization", "Bearer " + userToken).status())
                .as("a user's token")
                .isEqualTo(401);
        assertThat(http.get(path, "Authorization", "Bearer " + forInventory).status())
                .as("a service token for another service")
                .isEqualTo(401);
        var allowed = http.get(path, "Authorization", "Bearer " + forIdentity);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("email").asString()).isEqualTo("admin@mercato.local");
    }

    @Test
    void doesNotAcceptServiceTokensOnThePublicApi() {
        assertThat(http.get("/v1/users/me", "Authorization", "Bearer " + token("identity"))
                        .status())
                .isEqualTo(401);
    }

    private String token(String audience) {
        return requestToken("ordering", ORDERING_SECRET, audience)
                .json()
                .get("accessToken")
                .asString();
    }

    private HttpJson.Response requestToken(String client, String secret, String audience) {
        String body = "{\"clientId\":\"" + client + "\",\"clientSecret\":\"" + secret + "\",\"audience\":\"" + audience
                + "\"}";
        return http.send(
                "POST", "/internal/v1/service-tokens", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private String login(String email, String password) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        return http.send("POST", "/v1/auth/login", "application/json", body.getBytes(StandardCharsets.UTF_8))
                .json()
                .get("accessToken")
                .asString();
    }
}
