package dev.mercato.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.jwt.TokenForge;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port against the shared local Redis (keys under a prefix of the context's own),
 * PostgreSQL (a database of its own, for the inbox) and RabbitMQ (an events exchange and queue of the context's own),
 * all deleted afterwards, and stand-ins for identity and chat; no registry. Heartbeats every second; small client buffers and socket
 * send buffers, so a client that does not read is dropped after a few events.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "realtime.stream.heartbeat=1s",
            "realtime.stream.buffer=32",
            "realtime.stream.send-buffer-bytes=4096",
            "realtime.tickets.ttl=2s",
            "realtime.presence.ttl=3s",
            "spring.data.redis.timeout=5s"
        })
@IsolatedDatabase
@Import({TestQueues.class, TestExchanges.class, TestRedisKeys.class})
public abstract class RealtimeIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final TestChat CHAT = TestChat.start();
    private static final TokenForge USERS = new TokenForge(TestIdentity.ISSUER, "mercato");

    /**
     * One name for the whole test JVM: every context shares the exchange, the queues (one active consumer among them)
     * and the key prefix. A placeholder like random.uuid would resolve anew wherever it is read.
     */
    private static final String RUN = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("spring.cloud.discovery.client.simple.instances.chat[0].uri", CHAT::url);
        registry.add("realtime.chat.ingest.queue", () -> "it.realtime.chat." + RUN);
        registry.add("realtime.ingest.exchange", () -> "it.realtime.events." + RUN);
        registry.add("realtime.ingest.queue", () -> "it.realtime.events." + RUN);
        registry.add("realtime.ingest.retired-queue", () -> ""); // RetiredQueueIT names its own
        registry.add("realtime.redis.key-prefix", () -> "it:realtime:" + RUN + ":");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    @Value("${realtime.ingest.exchange}")
    String exchange;

    protected HttpJson http;

    @BeforeEach
    void connect() {
        http = HttpJson.at("http://localhost:" + port);
    }

    /**
     * Publishes a domain event as its producer's outbox relay does, and waits for the broker's confirm: sends go out on
     * whichever channel the cache hands out (a channel waiting for a confirm is not handed out again), and channels
     * are not ordered among themselves, so only a confirmed event is sure to be queued before the next one.
     */
    protected void publish(Envelope event) {
        CorrelationData confirm = new CorrelationData(event.messageId().toString());
        rabbit.send(exchange, event.type(), envelopes.toMessage(event), confirm);
        try {
            assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).ack())
                    .as("the broker took " + event.type())
                    .isTrue();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no confirm for " + event.type(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected SseClient stream(String query, String... headers) {
        return SseClient.open(port, "/v1/stream?" + query, headers);
    }

    protected WsClient socket(String query, String... headers) {
        return WsClient.open(port, "/v1/ws" + query, headers);
    }

    /** A signed-in customer. */
    protected static Shopper shopper() {
        return shopper(UUID.randomUUID(), Duration.ofMinutes(10));
    }

    /** A customer whose token expires in {@code ttl}. */
    protected static Shopper shopper(UUID id, Duration ttl) {
        return new Shopper(
                id,
                IDENTITY.sign(USERS.claims(id, List.of("customer"))
                        .expirationTime(Date.from(Instant.now().plus(ttl)))
                        .build()));
    }

    public record Shopper(UUID id, String token) {

        /** The same user's token, valid for {@code ttl}. */
        public Shopper renewed(Duration ttl) {
            return shopper(id, ttl);
        }

        public String[] bearer() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }
}
