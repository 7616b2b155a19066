package dev.mercato.notifications;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifications service against a fresh database, a work queue of this test JVM's own on the shared RabbitMQ
 * (deleted when the context closes) and a real SMTP server in the JVM. Retries start at 200 ms so that tests see them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "mercato.messaging.consumer.initial-delay=200ms",
            "mercato.messaging.consumer.max-delay=1s",
            "notifications.events.max-attempts=6",
            "spring.mail.properties.mail.smtp.connectiontimeout=500",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
@IsolatedDatabase
@Import(TestQueues.class)
public abstract class NotificationsIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final SmtpServer SMTP = new SmtpServer();
    protected static final String QUEUE = "it.notifications.events." + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("notifications.events.queue", () -> QUEUE);
    }

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpEnvelopes envelopes;

    @Autowired
    protected JdbcClient jdbc;

    @LocalServerPort
    protected int port;

    /** The service's API, on its random port. */
    protected HttpJson http;

    @BeforeEach
    void connect() {
        http = HttpJson.at("http://localhost:" + port);
    }

    protected void publish(Envelope event) {
        rabbit.send(Exchanges.EVENTS, event.type(), envelopes.toMessage(event));
    }

    /** Straight into this test's work queue, as a broker redelivery or a DLQ replay would hand it back. */
    protected void redeliver(Envelope event) {
        rabbit.send("", QUEUE, envelopes.toMessage(event));
    }
}
