package dev.mercato.messaging.deadletter.web;

import static dev.mercato.messaging.MessagingTestApp.unique;
import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.MessagingTestApp;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.deadletter.DeadLetterQueue;
import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter admin API of a servlet service, over HTTP, on the real broker and database: every operation, who
 * may call it, and that it never reaches a queue that is not one of the service's DLQs.
 */
@IsolatedDatabase
@SpringBootTest(
        classes = {MessagingTestApp.class, AdminSecurity.class, DeadLetterAdminIT.Config.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=servlet")
class DeadLetterAdminIT {

    static final String PEEK = unique("admin-peek");
    static final String REPLAY = unique("admin-replay");
    static final String DISCARD = unique("admin-discard");
    static final String PURGE = unique("admin-purge");
    static final String FOREIGN = unique("admin-foreign");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String BASE = "/v1/admin/dead-letters";

    /** Which queues' handlers fail right now, and the message ids handled successfully. */
    static final Set<String> broken = ConcurrentHashMap.newKeySet();

    static final Set<String> handled = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class Config {
        @Bean
        Topology adminTopology() {
            var builder = Topology.builder();
            for (String queue : List.of(PEEK, REPLAY, DISCARD, PURGE)) {
                broken.add(queue);
                builder.consume(Consumers.on(queue).maxAttempts(1).handle(envelope -> {
                    if (broken.contains(queue)) {
                        throw new IllegalStateException("pricing service unavailable");
                    }
                    handled.add(envelope.messageId().toString());
                }));
            }
            return builder.declare(new org.springframework.amqp.core.Queue(FOREIGN))
                    .build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    AmqpAdmin admin;

    HttpJson http;
    final String adminToken = AdminSecurity.token("admin");
    final String customerToken = AdminSecurity.token("customer");

    @BeforeEach
    void setUp() {
        http = HttpJson.at("http://localhost:" + port);
    }

    @AfterAll
    static void repairHandlers() {
        broken.clear();
    }

    @Test
    void listsTheServicesDeadLetterQueuesWithTheirDepth() {
        park(PEEK, 2);
        long depth = depth(PEEK); // other tests park here too

        JsonNode items = admin("GET", BASE).json().get("items");

        assertThat(items.valueStream().map(item -> item.get("queue").asString()))
                .contains(PEEK, REPLAY, DISCARD, PURGE)
                .doesNotContain(FOREIGN);
        JsonNode peek = items.valueStream()
                .filter(item -> item.get("queue").asString().equals(PEEK))
                .findFirst()
                .orElseThrow();
        assertThat(peek.get("deadLetterQueue").asString()).isEqualTo(PEEK + ".dlq");
        assertThat(peek.get("depth").asLong()).isEqualTo(depth).isGreaterThanOrEqualTo(2);
    }

    @Test
    void peeksAtTheHeadWithoutTakingTheMessages() {
        park(PEEK, 3);
        long depth = depth(PEEK);

        JsonNode page = admin("GET", BASE + "/" + PEEK + ".dlq?limit=2").json();

        assertThat(page.get("queue").asString()).isEqualTo(PEEK);
        assertThat(page.get("depth").asLong()).isEqualTo(depth);
        assertThat(page.get("items")).hasSize(2);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("messageId").asString()).isNotBlank();
        assertThat(first.get("type").asString()).isEqualTo("dlq.parked.v1");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(first.get("error").asString()).contains("pricing service unavailable");
        assertThat(first.get("errorClass").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(Instant.parse(first.get("failedAt").asString())).isBefore(Instant.now());
        assertThat(first.get("originalQueue").asString()).isEqualTo(PEEK);
        assertThat(first.get("payload").get("sku").asString()).isEqualTo("SKU-1");
        assertThat(depth(PEEK)).as("still there").isEqualTo(depth);
        assertThat(admin("GET", BASE + "/" + PEEK).json().get("items"))
                .as("named by its work queue, default limit")
                .hasSize((int) Math.min(depth, 20));
    }

    @Test
    void replaysOneMessageByIdThenTheRest() {
        List<Envelope> parked = park(REPLAY, 3);
        broken.remove(REPLAY);
        try {
            String first = parked.getFirst().messageId().toString();

            var one = admin("POST", BASE + "/" + REPLAY + ".dlq/messages/" + first + "/replay");

            assertThat(one.json().get("replayed").asInt()).isEqualTo(1);
            await().until(() -> handled.contains(first));
            assertThat(handled).doesNotContain(parked.get(1).messageId().toString());
            assertProblem(
                    send("POST", BASE + "/" + REPLAY + "/messages/" + first + "/replay", adminToken), 404, "not-found");

            var all = admin("POST", BASE + "/" + REPLAY + "/replay");

            assertThat(all.json().get("replayed").asInt()).isEqualTo(2);
            await().until(() -> parked.stream()
                    .allMatch(envelope -> handled.contains(envelope.messageId().toString())));
            assertThat(depth(REPLAY)).isZero();
        } finally {
            broken.add(REPLAY);
        }
    }

    @Test
    void discardsOneMessageById() {
        List<Envelope> parked = park(DISCARD, 2);
        long before = depth(DISCARD);
        String id = parked.getFirst().messageId().toString();

        var response = send("DELETE", BASE + "/" + DISCARD + ".dlq/messages/" + id, adminToken);

        assertThat(response.status()).isEqualTo(204);
        assertThat(depth(DISCARD)).isEqualTo(before - 1);
        assertThat(peekIds(DISCARD))
                .doesNotContain(id)
                .contains(parked.get(1).messageId().toString());
        assertProblem(send("DELETE", BASE + "/" + DISCARD + ".dlq/messages/" + id, adminToken), 404, "not-found");
        assertThat(handled).doesNotContain(id);
    }

    @Test
    void purgesAQueueAndSaysHowMany() {
        park(PURGE, 3);
        long before = depth(PURGE);

        var response = admin("DELETE", BASE + "/" + PURGE + ".dlq");

        assertThat(response.json().get("purged").asLong()).isEqualTo(before);
        assertThat(depth(PURGE)).isZero();
    }

    @Test
    void onlyAdministratorsMayCallAnyOfIt() {
        park(PURGE, 1);
        long before = depth(PURGE);
        String id = peekIds(PURGE).getFirst();
        List<String[]> endpoints = List.of(
                new String[] {"GET", BASE},
                new String[] {"GET", BASE + "/" + PURGE},
                new String[] {"POST", BASE + "/" + PURGE + "/replay"},
                new String[] {"POST", BASE + "/" + PURGE + "/messages/" + id + "/replay"},
                new String[] {"DELETE", BASE + "/" + PURGE + "/messages/" + id},
                new String[] {"DELETE", BASE + "/" + PURGE});

        for (String[] endpoint : endpoints) {
            assertProblem(send(endpoint[0], endpoint[1], customerToken), 403, "forbidden");
            var anonymous = send(endpoint[0], endpoint[1], null);
            // the filter chain lets every GET through (as the catalog's does): @PreAuthorize refuses it
            assertProblem(
                    anonymous,
                    endpoint[0].equals("GET") ? 403 : 401,
                    endpoint[0].equals("GET") ? "forbidden" : "unauthorized");
        }
        assertThat(depth(PURGE)).as("nothing touched").isEqualTo(before);
    }

    @Test
    void namesThatAreNotThisServicesDeadLetterQueuesAreNotFound() {
        rabbit.send("", FOREIGN, new Message("keep me".getBytes(StandardCharsets.UTF_8), new MessageProperties()));
        await().until(() -> messageCount(FOREIGN) == 1);
        List<String> names = List.of(
                "nope", FOREIGN, FOREIGN + ".dlq", PURGE + ".retry.1s", PURGE + ".dlq.dlq", "amq.rabbitmq.trace");

        for (String name : names) {
            for (String[] endpoint : List.of(
                    new String[] {"GET", BASE + "/" + name},
                    new String[] {"POST", BASE + "/" + name + "/replay"},
                    new String[] {"POST", BASE + "/" + name + "/messages/m-1/replay"},
                    new String[] {"DELETE", BASE + "/" + name + "/messages/m-1"},
                    new String[] {"DELETE", BASE + "/" + name})) {
                assertProblem(send(endpoint[0], endpoint[1], adminToken), 404, "not-found");
            }
        }
        assertThat(messageCount(FOREIGN)).as("never touched").isEqualTo(1);
        assertProblem(
                send("POST", BASE + "/" + PURGE + "/messages/" + UUID.randomUUID() + "/replay", adminToken),
                404,
                "not-found");
    }

    @Test
    void badParametersAreNamed() {
        for (String limit : List.of("0", "101", "-1", "ten", "")) {
            JsonNode problem =
                    assertProblem(send("GET", BASE + "/" + PEEK + "?limit=" + limit, adminToken), 400, "validation");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        JsonNode problem = assertProblem(
                send("DELETE", BASE + "/" + PEEK + "/messages/" + "x".repeat(256), adminToken), 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("messageId");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Sends {@code count} messages whose handler fails at once (one attempt): they end up in the DLQ. */
    private List<Envelope> park(String queue, long count) {
        long before = depth(queue);
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Envelope envelope = new Envelope(
                    UUID.randomUUID(),
                    "dlq.parked",
                    1,
                    Instant.now(),
                    null,
                    null,
                    null,
                    JSON.readTree("{\"sku\":\"SKU-1\",\"n\":" + i + "}"));
            rabbit.send("", queue, envelopes.toMessage(envelope));
            sent.add(envelope);
        }
        await().until(() -> depth(queue) == before + count);
        return sent;
    }

    private long depth(String queue) {
        return deadLetters.list().stream()
                .filter(dlq -> dlq.queue().equals(queue))
                .mapToLong(DeadLetterQueue::depth)
                .findFirst()
                .orElseThrow();
    }

    private List<String> peekIds(String queue) {
        return admin("GET", BASE + "/" + queue + "?limit=100")
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("messageId").asString())
                .toList();
    }

    private long messageCount(String queue) {
        var info = admin.getQueueInfo(queue);
        return info == null ? -1 : info.getMessageCount();
    }

    private HttpJson.Response admin(String method, String path) {
        var response = send(method, path, adminToken);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response;
    }

    private HttpJson.Response send(String method, String path, String token) {
        String[] headers = token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
        return http.send(method, path, null, new byte[0], headers);
    }
}
