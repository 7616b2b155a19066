package dev.mercato.documents;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documents service against a fresh database, queues of this test JVM's own on the shared RabbitMQ (deleted when
 * the context closes), files in a temporary directory, and small chunks (50 orders, batches of 20) so that a job of a
 * few hundred orders has several.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "mercato.messaging.consumer.initial-delay=200ms",
            "mercato.messaging.consumer.max-delay=1s",
            "documents.jobs.chunk-size=50",
            "documents.jobs.batch-size=20"
        })
@IsolatedDatabase
@Import(TestQueues.class)
public abstract class DocumentsIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final String SUFFIX = UUID.randomUUID().toString();
    protected static final String EVENTS = "it.documents.events." + SUFFIX;
    protected static final String CHUNKS = "it.documents.invoice-chunks." + SUFFIX;
    protected static final String REPORTS = "it.documents.reports." + SUFFIX;
    protected static final Path DIR = temporaryDirectory();

    private static final TokenForge FORGE = new TokenForge(TestIdentity.ISSUER, "mercato");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("documents.dir", DIR::toString);
        registry.add("documents.messaging.events-queue", () -> EVENTS);
        registry.add("documents.messaging.chunks-queue", () -> CHUNKS);
        registry.add("documents.messaging.reports-queue", () -> REPORTS);
    }

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpEnvelopes envelopes;

    @Autowired
    protected JdbcClient jdbc;

    protected void publish(Envelope event) {
        rabbit.send(Exchanges.EVENTS, event.type(), envelopes.toMessage(event));
    }

    /** Straight into a work queue, as a broker redelivery (or a consumer that lost its inbox record) would. */
    protected void redeliver(String queue, Envelope message) {
        rabbit.send("", queue, envelopes.toMessage(message));
    }

    /** {@code Authorization} for this user, a customer. */
    protected static String[] bearerOf(UUID user) {
        return new String[] {
            "Authorization",
            "Bearer " + IDENTITY.sign(FORGE.claims(user, List.of("customer")).build())
        };
    }

    protected int renderCount(UUID order) {
        return jdbc.sql("select render_count from invoice where order_id = ?")
                .param(order)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    protected UUID invoiceId(UUID order) {
        return jdbc.sql("select invoice_id from invoice where order_id = ?")
                .param(order)
                .query(UUID.class)
                .single();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("documents-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
