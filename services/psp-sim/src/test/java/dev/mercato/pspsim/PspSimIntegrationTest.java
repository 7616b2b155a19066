package dev.mercato.pspsim;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole simulator on a random port against a fresh database, delivering webhooks to one shared {@link
 * WebhookReceiver}. Short delays keep the slow paths quick. Subclasses share one context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "MERCATO_LOG_FORMAT=text",
            "psp-sim.tokens.slow-delay=1500ms",
            "psp-sim.tokens.flaky-failures=2",
            "psp-sim.webhooks.secret=" + WebhookReceiver.SECRET,
            "psp-sim.webhooks.poll-interval=100ms",
            "psp-sim.webhooks.idle-poll-interval=400ms",
            "psp-sim.webhooks.initial-backoff=200ms",
            "psp-sim.webhooks.max-backoff=400ms",
            "psp-sim.webhooks.max-attempts=4"
        })
@IsolatedDatabase
public abstract class PspSimIntegrationTest {

    protected static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void webhookEndpoint(DynamicPropertyRegistry registry) {
        registry.add("psp-sim.webhooks.url", RECEIVER::url);
    }

    protected PspApi api() {
        return new PspApi(HttpJson.at("http://localhost:" + port));
    }

    protected static String uniqueReference(String prefix) {
        return prefix + UUID.randomUUID();
    }
}
