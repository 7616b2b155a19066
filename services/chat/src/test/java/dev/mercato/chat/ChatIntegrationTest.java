package dev.mercato.chat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat service on its own port against a fresh database and the shared RabbitMQ, with user tokens signed by a
 * stand-in for identity. Users are made up per test: a user is a token with a subject and roles.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "MERCATO_LOG_FORMAT=text"})
@IsolatedDatabase
public abstract class ChatIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    private static final TokenForge FORGE = new TokenForge(TestIdentity.ISSUER, "mercato");
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
    }

    @LocalServerPort
    int port;

    protected HttpJson http;

    @BeforeEach
    void client() {
        http = HttpJson.at("http://localhost:" + port);
    }

    protected User user(String... roles) {
        UUID id = UUID.randomUUID();
        return new User(id, IDENTITY.sign(FORGE.claims(id, List.of(roles)).build()));
    }

    /** A made-up user and its token, with the requests a client sends. */
    protected final class User {
        public final UUID id;
        private final String token;

        User(UUID id, String token) {
            this.id = id;
            this.token = token;
        }

        public HttpJson.Response get(String path) {
            return http.get(path, "Authorization", "Bearer " + token);
        }

        public HttpJson.Response post(String path, Object body) {
            byte[] json =
                    body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            return http.send("POST", path, "application/json", json, "Authorization", "Bearer " + token);
        }

        public String openSupport(String subject) {
            HttpJson.Response opened = post("/v1/chat/conversations", java.util.Map.of("subject", subject));
            if (opened.status() != 201) {
                throw new AssertionError(opened.toString());
            }
            return opened.json().get("id").asString();
        }

        public HttpJson.Response send(String conversation, String clientMessageId, String body) {
            return post(
                    "/v1/chat/conversations/" + conversation + "/messages",
                    java.util.Map.of("clientMessageId", clientMessageId, "body", body));
        }

        public JsonNode sent(String conversation, String body) {
            HttpJson.Response sent = send(conversation, UUID.randomUUID().toString(), body);
            if (sent.status() != 201) {
                throw new AssertionError(sent.toString());
            }
            return sent.json();
        }

        public HttpJson.Response claim(String conversation) {
            return post("/v1/chat/conversations/" + conversation + "/claim", "");
        }
    }
}
