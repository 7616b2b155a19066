package dev.mercato.identity.token;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.identity.IdentityIntegrationTest;
import dev.mercato.identity.IdentityProperties;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TokenForge;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IdentityIntegrationTest
class IdentityApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    @Autowired
    IdentityProperties properties;

    @Autowired
    JdbcClient jdbc;

    HttpJson http;
    TokenForge forge;

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
        forge = new TokenForge(properties.issuer(), properties.audience());
    }

    @Test
    void registersLogsInAndReadsTheOwnAccount() {
        String email = newEmail();
        var registered =
                post("/v1/auth/register", Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "Ada"));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("email").asString()).isEqualTo(email);
        assertThat(registered.json().get("roles").get(0).asString()).isEqualTo("customer");
        assertThat(registered.text()).doesNotContain("password", "hash");

        JsonNode tokens = login(email, PASSWORD).json();
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asInt()).isEqualTo(900);

        var me = http.get(
                "/v1/users/me",
                "Authorization",
                "Bearer " + tokens.get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString())
                .isEqualTo(registered.json().get("id").asString());
    }

    @Test
    void storesPasswordsOnlyAsArgon2idHashes() {
        String email = register();

        String hash = jdbc.sql("select password_hash from app_user where email = :email")
                .param("email", email)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(PASSWORD);
    }

    @Test
    void refusesASecondAccountForTheSameEmailInAnyCase() {
        String email = register();

        var again = post(
                "/v1/auth/register",
                Map.of("email", " " + email.toUpperCase() + " ", "password", PASSWORD, "name", "B"));

        assertProblem(again, 409, "conflict");
    }

    @Test
    void answersUnknownEmailAndWrongPasswordAlike() {
        String email = register();

        var wrongPassword = login(email, "not the password at all");
        var unknownEmail = login("nobody-" + email, PASSWORD);

        assertProblem(wrongPassword, 401, "unauthorized");
        assertProblem(unknownEmail, 401, "unauthorized");
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownEmail.json().get("detail"));
    }

    @Test
    void rotatesTheRefreshTokenOnEveryRefresh() {
        JsonNode first = login(register(), PASSWORD).json();

        JsonNode second = refresh(first.get("refreshToken").asString()).json();
        JsonNode third = refresh(second.get("refreshToken").asString()).json();

        assertThat(List.of(first, second, third))
                .extracting(t -> t.get("refreshToken").asString())
                .doesNotHaveDuplicates();
        assertThat(http.get(
                                "/v1/users/me",
                                "Authorization",
                                "Bearer " + third.get("accessToken").asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rejectsReuseOfARotatedRefreshTokenAndRevokesTheWholeFamily() {
        String email = register();
        String stolen = login(email, PASSWORD).json().get("refreshToken").asString();
        String newest = refresh(stolen).json().get("refreshToken").asString();

        var reuse = refresh(stolen);

        assertProblem(reuse, 401, "unauthorized");
        assertProblem(refresh(newest), 401, "unauthorized");
        int events = jdbc.sql("""
                        select count(*) from security_event e join app_user u on u.id = e.user_id
                        where u.email = :email and e.kind = 'refresh_token_reuse'
                        """).param("email", email).query(Integer.class).single();
        assertThat(events).isEqualTo(1);
    }

    @Test
    void logoutEndsOnlyThatSession() {
        String email = register();
        String phone = login(email, PASSWORD).json().get("refreshToken").asString();
        String laptop = login(email, PASSWORD).json().get("refreshToken").asString();

        assertThat(post("/v1/auth/logout", Map.of("refreshToken", phone)).status())
                .isEqualTo(204);

        assertProblem(refresh(phone), 401, "unauthorized");
        assertThat(refresh(laptop).status()).isEqualTo(200);
    }

    @Test
    void logoutAllAndPasswordChangeEndEverySession() {
        String email = register();
        JsonNode phone = login(email, PASSWORD).json();
        String laptop = login(email, PASSWORD).json().get("refreshToken").asString();

        var loggedOut = http.send("POST", "/v1/auth/logout-all", null, new byte[0], bearer(phone));
        assertThat(loggedOut.status()).isEqualTo(204);
        assertProblem(refresh(laptop), 401, "unauthorized");

        JsonNode session = login(email, PASSWORD).json();
        var changed = http.send(
                "POST",
                "/v1/users/me/password",
                "application/json",
                json(Map.of("currentPassword", PASSWORD, "newPassword", "an entirely new passphrase")),
                bearer(session));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertProblem(refresh(session.get("refreshToken").asString()), 401, "unauthorized");
        assertProblem(login(email, PASSWORD), 401, "unauthorized");
        assertThat(login(email, "an entirely new passphrase").status()).isEqualTo(200);
    }

    @Test
    void refusesAPasswordChangeWithoutTheCurrentPassword() {
        JsonNode session = login(register(), PASSWORD).json();

        var changed = http.send(
                "POST",
                "/v1/users/me/password",
                "application/json",
                json(Map.of("currentPassword", "guessing wildly here", "newPassword", "an entirely new passphrase")),
                bearer(session));

        assertProblem(changed, 400, "validation");
        assertThat(changed.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
    }

    @Test
    void publishesTheSigningKeyWithoutPrivateParts() {
        var jwks = http.get("/.well-known/jwks.json");

        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kid").asString()).isEqualTo(keys.signing().getKeyID());
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }

    @Test
    void rejectsMissingAndForgedAccessTokens() throws Exception {
        UUID admin = adminId();
        var claims = forge.claims(admin, List.of("admin")).build();
        String real = login("admin@mercato.local", "operator-secret-for-tests")
                .json()
                .get("accessToken")
                .asString();
        var rogueKey = SigningKeys.generate();

        Map<String, String> forged = Map.of(
                "missing", "",
                "garbage", "Bearer not.a.token",
                "signed by another key", "Bearer " + forge.signed(rogueKey, rogueKey.getKeyID(), claims),
                "unknown kid", "Bearer " + forge.signed(keys.signing(), "unknown-kid", claims),
                "alg none", "Bearer " + TokenForge.unsigned(claims),
                "HS256 with the public key", "Bearer " + forge.hmacWithPublicKey(keys.signing(), claims),
                "expired",
                        "Bearer "
                                + forge.signed(
                                        keys.signing(),
                                        keys.signing().getKeyID(),
                                        forge.claims(admin, List.of("admin"))
                                                .expirationTime(
                                                        new java.util.Date(System.currentTimeMillis() - 120_000))
                                                .build()),
                "wrong audience",
                        "Bearer "
                                + forge.signed(
                                        keys.signing(),
                                        keys.signing().getKeyID(),
                                        forge.claims(admin, List.of("admin"))
                                                .audience("another-system")
                                                .build()),
                "tampered payload",
                        "Bearer "
                                + TokenForge.withPayload(
                                        login(register(), PASSWORD)
                                                .json()
                                                .get("accessToken")
                                                .asString(),
                                        claims));

        forged.forEach((kind, header) -> {
            var response = header.isEmpty()
                    ? http.get("/v1/users/me")
                    : http.get("/v1/users/" + admin, "Authorization", header);
            assertThat(response.status()).as(kind).isEqualTo(401);
            assertThat(response.contentType()).as(kind).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).as(kind).isPresent();
        });
        assertThat(http.get("/v1/users/" + admin, "Authorization", "Bearer " + real)
                        .status())
                .as("the real admin token")
                .isEqualTo(200);
    }

    @Test
    void forbidsCustomersFromReadingOtherAccounts() {
        JsonNode customer = login(register(), PASSWORD).json();

        var response = http.get("/v1/users/" + adminId(), bearer(customer));

        assertProblem(response, 403, "forbidden");
    }

    @Test
    void validatesRegistrationsAndChangesNothingOnBadInput() {
        int before = userCount();

        assertProblem(
                post("/v1/auth/register", Map.of("email", "not-an-email", "password", PASSWORD, "name", "X")),
                400,
                "validation");
        assertProblem(
                post("/v1/auth/register", Map.of("email", newEmail(), "password", "short", "name", "X")),
                400,
                "validation");
        assertProblem(
                post("/v1/auth/register", Map.of("email", newEmail(), "password", PASSWORD, "name", "")),
                400,
                "validation");
        assertProblem(
                http.send(
                        "POST",
                        "/v1/auth/register",
                        "application/json",
                        "{\"email\": ".getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed-body");
        assertProblem(
                http.send("POST", "/v1/auth/login", "text/plain", "email=a".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported-media-type");
        assertProblem(
                post(
                        "/v1/auth/register",
                        Map.of("email", newEmail(), "password", PASSWORD, "name", "x".repeat(2_000_000))),
                413,
                "payload-too-large");

        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void storesInjectionStringsAsPlainText() {
        String email = newEmail();
        String name = "Robert'); DROP TABLE app_user;-- <script>alert(1)</script>";

        var registered = post("/v1/auth/register", Map.of("email", email, "password", PASSWORD, "name", name));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("name").asString()).isEqualTo(name);
        assertProblem(login("' OR '1'='1", "' OR '1'='1"), 401, "unauthorized");
        assertThat(userCount()).isPositive();
    }

    @Test
    void throttlesAnAccountAfterRepeatedFailedLogins() {
        String email = register();
        for (int i = 0; i < 5; i++) {
            assertProblem(login(email, "wrong guess number " + i), 401, "unauthorized");
        }

        var refused = login(email, PASSWORD);

        assertProblem(refused, 429, "rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(login(register(), PASSWORD).status())
                .as("other accounts unaffected")
                .isEqualTo(200);
    }

    private String register() {
        String email = newEmail();
        var response = post("/v1/auth/register", Map.of("email", email, "password", PASSWORD, "name", "Test User"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return email;
    }

    private UUID adminId() {
        return jdbc.sql("select id from app_user where email = 'admin@mercato.local'")
                .query(UUID.class)
                .single();
    }

    private int userCount() {
        return jdbc.sql("select count(*) from app_user").query(Integer.class).single();
    }

    private HttpJson.Response login(String email, String password) {
        return post("/v1/auth/login", Map.of("email", email, "password", password));
    }

    private HttpJson.Response refresh(String refreshToken) {
        return post("/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private HttpJson.Response post(String path, Map<String, String> body) {
        return http.send("POST", path, "application/json", json(body));
    }

    private static String[] bearer(JsonNode tokens) {
        return new String[] {
            "Authorization", "Bearer " + tokens.get("accessToken").asString()
        };
    }

    private static byte[] json(Map<String, String> body) {
        return JSON.writeValueAsBytes(body);
    }

    private static String newEmail() {
        return "user" + USERS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
