package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.SseClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16's REST acceptance through the gateway: a customer opens a conversation and sends three messages while no
 * agent has it; a customer made an agent by the admin (support role, effective at the next login) finds it in the
 * queue, claims it, reads the three with seq 1..3 and answers; another customer gets 404 and cannot claim; a resend
 * with the same clientMessageId returns the same message. Over realtime's stream: the customer's {@code chat} topic
 * shows each message, the agent's answer within 1 s of being stored; presence shows the agent online while their
 * stream is open and offline with a last-seen time after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatE2E {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DELIVERY = Duration.ofSeconds(1);

    Platform platform;
    HttpJson gateway;

    @BeforeAll
    void start() {
        platform = Platform.shared();
        gateway = platform.viaGateway();
    }

    @Test
    void aCustomerAndAnAgentTalkAndNobodyElseSeesIt() {
        String customer = Shopper.register(gateway).token();
        String agentEmail = "e2e-agent-" + UUID.randomUUID() + "@example.com";
        Shopper.register(gateway, agentEmail, "en");
        String admin = Shopper.login(gateway, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD);
        awaitChat(customer);

        HttpJson.Response opened = post(customer, "/v1/chat/conversations", "{\"subject\":\"Where is my order?\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().get("id").asString();
        String messages = "/v1/chat/conversations/" + id + "/messages";
        SseClient customersStream = chatStream(customer);
        List<JsonNode> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            HttpJson.Response message = post(customer, messages, message("c-" + i, "question " + i));
            assertThat(message.status()).as(message.toString()).isEqualTo(201);
            sent.add(message.json());
        }
        for (int i = 1; i <= 3; i++) {
            JsonNode delivered = JSON.readTree(nextMessage(customersStream).data());
            assertThat(delivered.get("seq").asLong())
                    .as("the customer's own messages on their chat topic")
                    .isEqualTo(i);
            assertThat(delivered.get("conversationId").asString()).isEqualTo(id);
        }

        String agentId = gateway.get("/v1/users/me", bearer(Shopper.login(gateway, agentEmail, Shopper.PASSWORD)))
                .json()
                .get("id")
                .asString();
        HttpJson.Response granted = gateway.send(
                "PUT",
                "/v1/users/" + agentId + "/roles",
                "application/json",
                "{\"roles\":[\"support\"]}".getBytes(StandardCharsets.UTF_8),
                bearer(admin));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        String agent = Shopper.login(gateway, agentEmail, Shopper.PASSWORD);

        JsonNode queue = gateway.get("/v1/chat/conversations?queue=unassigned&limit=100", bearer(agent))
                .json();
        JsonNode waiting = find(queue.get("items"), id);
        assertThat(waiting).as("the conversation in the unassigned queue").isNotNull();
        assertThat(waiting.get("lastSeq").asLong()).isEqualTo(3);
        HttpJson.Response claimed = post(agent, "/v1/chat/conversations/" + id + "/claim", "");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);

        String presence = "/v1/chat/presence?users=" + agentId;
        assertThat(gateway.get(presence, bearer(customer)).json().get("items"))
                .as("the agent shares the conversation now, and has never been connected")
                .singleElement()
                .satisfies(item -> assertThat(item.get("status").asString()).isEqualTo("offline"));
        SseClient agentsStream = chatStream(agent);
        Awaitility.await("the agent online while their stream is open")
                .atMost(WAIT)
                .until(() -> status(customer, presence).get("status").asString().equals("online"));
        assertThat(gateway.get(presence, bearer(Shopper.register(gateway).token()))
                        .json()
                        .get("items"))
                .as("not to someone who shares no conversation with the agent")
                .isEmpty();

        JsonNode read = gateway.get(messages, bearer(agent)).json().get("items");
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.get(i).get("seq").asLong()).isEqualTo(i + 1);
            assertThat(read.get(i).get("body").asString()).isEqualTo("question " + (i + 1));
            assertThat(read.get(i).get("id").asString())
                    .isEqualTo(sent.get(i).get("id").asString());
        }
        HttpJson.Response answer = post(agent, messages, message("a-1", "On its way <b>today</b>"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().get("seq").asLong()).isEqualTo(4);
        SseClient.Frame shown = nextMessage(customersStream);
        Instant receivedAt = Instant.now();
        JsonNode answered = JSON.readTree(shown.data());
        assertThat(answered.get("seq").asLong()).isEqualTo(4);
        assertThat(answered.get("body").asString()).isEqualTo("On its way <b>today</b>");
        assertThat(answered.get("senderId").asString()).isEqualTo(agentId);
        assertThat(Duration.between(Instant.parse(answered.get("sentAt").asString()), receivedAt))
                .as("the answer on the customer's stream within 1 s of being stored")
                .isLessThan(DELIVERY);
        customersStream.close();

        agentsStream.close();
        Instant closed = Instant.now();
        Awaitility.await("the agent offline once their stream closed")
                .atMost(WAIT)
                .until(() -> status(customer, presence).get("status").asString().equals("offline"));
        JsonNode offline = status(customer, presence);
        assertThat(Instant.parse(offline.get("lastSeen").asString()))
                .as("last seen about when the stream closed")
                .isBetween(closed.minusSeconds(20), Instant.now());
        assertThat(post(agent, "/v1/chat/conversations/" + id + "/read", "{\"seq\":3}")
                        .status())
                .isEqualTo(200);

        JsonNode mine = find(
                gateway.get("/v1/chat/conversations", bearer(customer)).json().get("items"), id);
        assertThat(mine.get("unread").asLong())
                .as("the answer, unread by the customer")
                .isEqualTo(1);
        JsonNode reply =
                gateway.get(messages + "?after=3", bearer(customer)).json().get("items");
        assertThat(reply).hasSize(1);
        assertThat(reply.get(0).get("body").asString()).isEqualTo("On its way <b>today</b>");

        HttpJson.Response resent = post(customer, messages, message("c-2", "question 2"));
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json()).isEqualTo(sent.get(1));

        String other = Shopper.register(gateway).token();
        assertThat(gateway.get("/v1/chat/conversations/" + id, bearer(other)).status())
                .isEqualTo(404);
        assertThat(gateway.get(messages, bearer(other)).status()).isEqualTo(404);
        assertThat(post(other, messages, message("x-1", "let me in")).status()).isEqualTo(404);
        assertThat(post(other, "/v1/chat/conversations/" + id + "/claim", "").status())
                .isEqualTo(403);
    }

    @Test
    void theLocalSupportAgentSeesTheQueueAndSendingIsLimitedPerUser() {
        String agent = Shopper.login(gateway, Platform.SUPPORT_EMAIL, Platform.SUPPORT_PASSWORD);
        awaitChat(agent);
        assertThat(gateway.get("/v1/chat/conversations?queue=unassigned", bearer(agent))
                        .status())
                .isEqualTo(200);

        String customer = Shopper.register(gateway).token();
        String id = post(customer, "/v1/chat/conversations", "{\"subject\":\"Flood\"}")
                .json()
                .get("id")
                .asString();
        HttpJson.Response limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            HttpJson.Response sent =
                    post(customer, "/v1/chat/conversations/" + id + "/messages", message("f-" + i, "spam " + i));
            if (sent.status() == 429) {
                limited = sent;
            } else {
                assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            }
        }
        assertThat(limited).as("a 429 within 60 rapid sends (burst 20, 5/s)").isNotNull();
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(post(agent, "/v1/chat/conversations/" + id + "/claim", "").status())
                .as("another user is not limited by the first one's sends")
                .isEqualTo(200);
        assertThat(post(agent, "/v1/chat/conversations/" + id + "/messages", message("ok", "hello"))
                        .status())
                .isEqualTo(201);
    }

    /** The user's chat topic through the gateway, open once its first frame arrived. */
    private SseClient chatStream(String token) {
        SseClient stream = SseClient.open(platform.port("gateway"), "/v1/stream?topics=chat", bearer(token));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(WAIT).comment()).isEqualTo("connected");
        return stream;
    }

    private static SseClient.Frame nextMessage(SseClient stream) {
        SseClient.Frame frame;
        do {
            frame = stream.nextEvent(WAIT);
            assertThat(frame).as("a chat.message within " + WAIT).isNotNull();
        } while (!"chat.message".equals(frame.event()));
        return frame;
    }

    private JsonNode status(String token, String presence) {
        HttpJson.Response answer = gateway.get(presence, bearer(token));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("items").get(0);
    }

    private void awaitChat(String token) {
        Awaitility.await("chat routed through the gateway")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        gateway.get("/v1/chat/conversations", bearer(token)).status() == 200);
    }

    private HttpJson.Response post(String token, String path, String json) {
        return gateway.send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), bearer(token));
    }

    private static String message(String clientMessageId, String body) {
        return "{\"clientMessageId\":\"" + clientMessageId + "\",\"body\":\"" + body + "\"}";
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        return null;
    }
}
