package dev.mercato.identity.user;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.identity.IdentityIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account's locale from the body or Accept-Language, and the user.registered event that carries it. */
@IdentityIntegrationTest
class RegistrationLocaleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HttpJson http;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @Test
    void theBodysLocaleIsStoredAndPublishedWithTheAccount() {
        String email = newEmail();
        var registered = register(email, "it", "en-US,en;q=0.9");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("locale").asString()).isEqualTo("it");
        JsonNode event = jdbc.sql("""
                        select payload::text from messaging.outbox_message
                        where type = 'user.registered' and aggregate_id = ?""")
                .param(registered.json().get("id").asString())
                .query((rs, row) -> JSON.readTree(rs.getString(1)))
                .single();
        assertThat(event.get("email").asString()).isEqualTo(email);
        assertThat(event.get("locale").asString()).isEqualTo("it");
        assertThat(event.get("userId").asString())
                .isEqualTo(registered.json().get("id").asString());
    }

    @Test
    void withoutALocaleTheHeadersBestSupportedLanguageIsTaken() {
        assertThat(register(newEmail(), null, "fr-FR,fr;q=0.9,it;q=0.8")
                        .json()
                        .get("locale")
                        .asString())
                .isEqualTo("it");
        assertThat(register(newEmail(), null, "de").json().get("locale").asString())
                .isEqualTo("en");
        assertThat(register(newEmail(), null, null).json().get("locale").asString())
                .isEqualTo("en");
    }

    @Test
    void anUnsupportedLocaleIsAProblemAndNoAccount() {
        String email = newEmail();
        var refused = register(email, "fr", "fr");

        JsonNode problem = assertProblem(refused, 400, "validation");
        assertThat(problem.toString()).contains("locale");
        assertThat(jdbc.sql("select count(*) from app_user where email = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private HttpJson.Response register(String email, String locale, String acceptLanguage) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", "correct horse battery");
        body.put("name", "Ada");
        if (locale != null) {
            body.put("locale", locale);
        }
        byte[] json = JSON.writeValueAsBytes(body);
        return acceptLanguage == null
                ? http.send("POST", "/v1/auth/register", "application/json", json)
                : http.send("POST", "/v1/auth/register", "application/json", json, "Accept-Language", acceptLanguage);
    }

    private static String newEmail() {
        return "locale-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
