package dev.mercato.realtime.stream;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.redis.PrivateRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis down: tickets and resumes answer 503 at once, the instance reports not ready, live connections stay open; when
 * Redis is back, the same instance serves again and events reach the connections opened during the outage. Runs on a
 * Redis of its own, never the shared one.
 */
class RedisDownIT extends RealtimeIntegrationTest {

    static final PrivateRedis REDIS = PrivateRedis.start();

    /** Queues of this context's own: cached after the class, it must not become the consumer of the others' events. */
    private static final String OWN = "it.realtime.redis-down." + UUID.randomUUID();

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("realtime.ingest.exchange", () -> OWN);
        registry.add("realtime.ingest.queue", () -> OWN);
        registry.add("realtime.chat.ingest.queue", () -> OWN + ".chat");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void answers503WhileRedisIsDownAndRecoversWithoutARestart() {
        var shopper = shopper();
        assertThat(http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer())
                        .status())
                .isEqualTo(201);

        REDIS.stop();

        long started = System.nanoTime();
        var ticket = http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer());
        assertProblem(ticket, 503, "unavailable");
        assertThat(ticket.header("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertProblem(http.get("/v1/stream?topics=orders&ticket=whatever"), 503, "unavailable");
        assertThat(http.get("/readyz").status()).isEqualTo(503);

        try (SseClient live = stream("topics=orders", shopper.bearer())) {
            assertThat(live.status())
                    .as("a live connection needs no Redis to open")
                    .isEqualTo(200);

            REDIS.restart();

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> http.send("POST", "/v1/stream/tickets", null, new byte[0], shopper.bearer())
                                    .status()
                            == 201);
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));
            var event = live.nextEvent(Duration.ofSeconds(15));
            assertThat(event).as("the backplane reads again").isNotNull();
            assertThat(event.data()).contains(order.toString());
        }
        assertThat(http.get("/readyz").status()).isEqualTo(200);
    }
}
