package dev.mercato.identity.user;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.identity.IdentityIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PUT /v1/users/{id}/roles: an admin makes a customer a support agent, effective with the next token. */
@IdentityIntegrationTest
class RolesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void anAdminGrantsTheSupportRoleEffectiveAtTheNextLogin() {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        String id = send("POST", "/v1/auth/register", Map.of("email", email, "password", PASSWORD, "name", "Agent"))
                .json()
                .get("id")
                .asString();
        String before = token(email, PASSWORD);
        String admin = token("admin@mercato.local", "operator-secret-for-tests");

        HttpJson.Response granted =
                send("PUT", "/v1/users/" + id + "/roles", Map.of("roles", List.of("support", "customer")), admin);

        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.json().get("roles").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("customer", "support");
        assertThat(http.get("/v1/users/" + id, "Authorization", "Bearer " + before)
                        .status())
                .as("a token issued before keeps its roles")
                .isEqualTo(403);
        assertThat(http.get("/v1/users/" + id, "Authorization", "Bearer " + token(email, PASSWORD))
                        .status())
                .as("the next login's token carries support")
                .isEqualTo(200);
    }

    @Test
    void onlyAdminsGrantKnownRolesToKnownAccounts() {
        String admin = token("admin@mercato.local", "operator-secret-for-tests");
        String agent = token("support@mercato.local", "agent-secret-for-tests");
        String target = "/v1/users/" + UUID.randomUUID() + "/roles";

        assertProblem(send("PUT", target, Map.of("roles", List.of("admin")), agent), 403, "forbidden");
        assertThat(send("PUT", target, Map.of("roles", List.of("admin"))).status())
                .isEqualTo(401);
        assertProblem(send("PUT", target, Map.of("roles", List.of("support")), admin), 404, "not-found");
        JsonNode unknown =
                assertProblem(send("PUT", target, Map.of("roles", List.of("root")), admin), 400, "validation");
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("roles");
        JsonNode none = assertProblem(send("PUT", target, Map.of("roles", List.of()), admin), 400, "validation");
        assertThat(none.get("errors").get(0).get("field").asString()).isEqualTo("roles");
    }

    @Test
    void theConfiguredSupportAgentExists() {
        String agent = token("support@mercato.local", "agent-secret-for-tests");
        JsonNode me =
                http.get("/v1/users/me", "Authorization", "Bearer " + agent).json();
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("support");
    }

    private String token(String email, String password) {
        HttpJson.Response login = send("POST", "/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("accessToken").asString();
    }

    private HttpJson.Response send(String method, String path, Object body, String... token) {
        String[] headers = token.length == 0 ? new String[0] : new String[] {"Authorization", "Bearer " + token[0]};
        return http.send(method, path, "application/json", JSON.writeValueAsBytes(body), headers);
    }
}
