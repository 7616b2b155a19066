package dev.mercato.cart.abandoned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.cart.CartIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reminder job as it runs in production (scheduled, its lock in Redis), with carts idle for 2 s instead of a day
 * and a look every 300 ms; the events are read from a queue of the test's own bound to the context's exchange.
 */
@TestPropertySource(
        properties = {
            "cart.abandoned.after=2s",
            "cart.abandoned.interval=300ms",
            "cart.abandoned.exchange=it.cart.abandoned.${random.uuid}"
        })
class AbandonedCartIT extends CartIntegrationTest {

    static final String QUEUE = "it.cart.abandoned-events." + UUID.randomUUID();
    static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();
    static final List<Message> MESSAGES = new CopyOnWriteArrayList<>();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    AbandonedCartProperties properties;

    static AmqpAdmin cleanup;
    static volatile boolean stopped;

    @BeforeAll
    static void reset() {
        EVENTS.clear();
        MESSAGES.clear();
    }

    @AfterAll
    static void deleteQueue() {
        stopped = true;
        if (cleanup != null) {
            cleanup.deleteQueue(QUEUE);
        }
    }

    @Test
    void aCartLeftAloneGetsOneReminderUntilItChangesAgain() {
        listen();
        var shopper = shopper();
        UUID mug = CATALOG.add("ABANDONED-1", "Mug", 100);
        add(shopper, mug, 2);

        awaitReminders(shopper.id(), 1);
        JsonNode first = remindersOf(shopper.id()).getFirst();
        assertThat(first.get("units").asInt()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("productId").asString()).isEqualTo(mug.toString());
        long version = first.get("cartVersion").asLong();

        sleep(Duration.ofSeconds(3));
        assertThat(remindersOf(shopper.id()))
                .as("left alone longer: still one reminder")
                .hasSize(1);

        add(shopper, CATALOG.add("ABANDONED-1-LAMP", "Lamp", 100), 1);
        awaitReminders(shopper.id(), 2);
        JsonNode second = remindersOf(shopper.id()).get(1);
        assertThat(second.get("cartVersion").asLong()).isGreaterThan(version);
        assertThat(second.get("units").asInt()).isEqualTo(3);
    }

    @Test
    void carriesThePlatformsEnvelopeWithAnIdPerCartVersion() {
        listen();
        var shopper = shopper();
        add(shopper, CATALOG.add("ABANDONED-2", "Mug", 100), 1);

        awaitReminders(shopper.id(), 1);
        Message message = MESSAGES.stream()
                .filter(m -> new String(m.getBody()).contains(shopper.id().toString()))
                .findFirst()
                .orElseThrow();
        var props = message.getMessageProperties();
        assertThat(props.getType()).isEqualTo("cart.abandoned.v1");
        assertThat(props.getReceivedRoutingKey()).isEqualTo("cart.abandoned");
        assertThat(props.getContentType()).isEqualTo("application/json");
        assertThat(props.getHeaders()).containsKey("x-occurred-at");
        JsonNode body = remindersOf(shopper.id()).getFirst();
        assertThat(UUID.fromString(props.getMessageId()))
                .isEqualTo(UUID.nameUUIDFromBytes(("cart.abandoned:" + shopper.id() + ":"
                                + body.get("cartVersion").asLong())
                        .getBytes()));
    }

    @Test
    void anEmptiedCartGetsNoReminder() {
        listen();
        var emptied = shopper();
        UUID mug = CATALOG.add("ABANDONED-3", "Mug", 100);
        add(emptied, mug, 1);
        send(emptied, "DELETE", "/v1/cart/items/" + mug, null);
        var marker = shopper();
        sleep(Duration.ofMillis(200));
        add(marker, CATALOG.add("ABANDONED-3-MARKER", "Mug", 100), 1);

        awaitReminders(marker.id(), 1);
        assertThat(remindersOf(emptied.id())).isEmpty();
    }

    @Test
    void listsTheJobsRunsKeptInRedisToAdminsOnly() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/v1/admin/jobs", IDENTITY.bearer("admin"))
                                .json()
                                .get("items")
                                .get(0)
                                .get("runs")
                                .size()
                        > 0);
        JsonNode job = http.get("/v1/admin/jobs", IDENTITY.bearer("admin"))
                .json()
                .get("items")
                .get(0);
        assertThat(job.get("name").asString()).isEqualTo("abandoned-cart-reminders");
        assertThat(job.get("schedule").asString()).isEqualTo("every 300ms");
        JsonNode run = job.get("runs").get(0);
        assertThat(run.get("outcome").asString()).isIn("SUCCEEDED", "RUNNING");
        assertThat(job.get("runs").findValuesAsString("summary")).anyMatch(s -> s.startsWith("queued "));

        assertThat(http.get("/v1/admin/jobs", shopper().bearer()).status()).isEqualTo(403);
        assertThat(http.get("/v1/admin/jobs").status()).isEqualTo(401);
    }

    /** Declares the test's queue once and collects what arrives on it. */
    private synchronized void listen() {
        if (cleanup != null) {
            return;
        }
        cleanup = admin;
        admin.declareQueue(new Queue(QUEUE, false, false, false));
        Binding binding = BindingBuilder.bind(new Queue(QUEUE))
                .to(new TopicExchange(properties.exchange()))
                .with("cart.abandoned");
        admin.declareBinding(binding);
        Thread.ofVirtual().start(() -> {
            while (!stopped) {
                try {
                    Message message = rabbit.receive(QUEUE, 500);
                    if (message != null) {
                        MESSAGES.add(message);
                        EVENTS.add(JSON.readTree(message.getBody()));
                    }
                } catch (RuntimeException closing) {
                    sleep(Duration.ofMillis(100));
                }
            }
        });
    }

    private static List<JsonNode> remindersOf(UUID user) {
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode event : EVENTS) {
            if (event.get("userId").asString().equals(user.toString())) {
                mine.add(event);
            }
        }
        return mine;
    }

    private static void awaitReminders(UUID user, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> remindersOf(user).size() >= count);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
