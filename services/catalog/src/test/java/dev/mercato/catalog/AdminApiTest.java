package dev.mercato.catalog;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog with a stand-in identity found through discovery, as in production. Admin tests share this context and
 * its database (separate from the read tests', which count the seeded rows), so each test uses names of its own.
 */
@CatalogIntegrationTest
@Import(TestQueues.class)
public abstract class AdminApiTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String ADMIN = "admin";
    protected static final String CUSTOMER = "customer";

    /** This context's own history queue on the shared broker; deleted when the context closes ({@link TestQueues}). */
    protected static final String HISTORY_QUEUE = "it.catalog.product-history." + java.util.UUID.randomUUID();

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("catalog.history.enabled", () -> "true");
        registry.add("catalog.history.queue", () -> HISTORY_QUEUE);
    }

    @LocalServerPort
    int port;

    protected HttpJson http;

    @BeforeEach
    void connect() {
        http = HttpJson.at("http://localhost:" + port);
    }

    protected HttpJson.Response send(String method, String path, Object body, String... headers) {
        byte[] bytes = body == null
                ? new byte[0]
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        return http.send(method, path, body == null ? null : "application/json", bytes, headers);
    }

    protected HttpJson.Response asAdmin(String method, String path, Object body, String... headers) {
        return send(method, path, body, with(IDENTITY.bearer(ADMIN), headers));
    }

    protected static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
