package dev.mercato.realtime.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.ProblemAssertions;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Presence: online while a connection follows the chat topic (renewed by the heartbeats past its ttl), offline with a
 * last-seen time once it is gone, readable by those who share a conversation (chat says who), pushed to them.
 */
class PresenceIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Test
    void anAgentIsOnlineWhileConnectedAndOfflineWithALastSeenTimeAfter() {
        var customer = shopper();
        var agent = shopper();
        CHAT.conversation(customer.id(), agent.id());
        assertThat(status(customer, agent).path("status").asString()).isEqualTo("offline");
        assertThat(status(customer, agent).path("lastSeen").isNull())
                .as("never seen")
                .isTrue();

        Instant connected = Instant.now();
        try (SseClient stream = stream("topics=chat", agent.bearer())) {
            assertThat(stream.next(WAIT).comment()).isEqualTo("connected");
            await().atMost(WAIT)
                    .until(() ->
                            status(customer, agent).path("status").asString().equals("online"));

            // past the presence ttl (3 s in these tests): the heartbeats (1 s) keep the claim
            sleep(Duration.ofSeconds(5));
            JsonNode still = status(customer, agent);
            assertThat(still.path("status").asString()).isEqualTo("online");
            assertThat(Instant.parse(still.path("lastSeen").asString())).isAfter(connected.plusSeconds(2));
        }
        Instant closed = Instant.now();
        await().atMost(WAIT)
                .until(() -> status(customer, agent).path("status").asString().equals("offline"));
        Instant lastSeen =
                Instant.parse(status(customer, agent).path("lastSeen").asString());
        assertThat(lastSeen).isBetween(closed.minusSeconds(2), Instant.now());
    }

    @Test
    void aSocketFollowingChatCountsAndOneWithoutItDoesNot() {
        var customer = shopper();
        var agent = shopper();
        CHAT.conversation(customer.id(), agent.id());
        try (WsClient socket = socket("", agent.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);
            sleep(Duration.ofMillis(500));
            assertThat(status(customer, agent).path("status").asString()).isEqualTo("offline");

            socket.send("{\"type\":\"subscribe\",\"topics\":[\"chat\"]}");
            socket.next("subscribed", WAIT);
            await().atMost(WAIT)
                    .until(() ->
                            status(customer, agent).path("status").asString().equals("online"));

            socket.send("{\"type\":\"unsubscribe\",\"topics\":[\"chat\"]}");
            socket.next("unsubscribed", WAIT);
            await().atMost(WAIT)
                    .until(() ->
                            status(customer, agent).path("status").asString().equals("offline"));
        }
    }

    @Test
    void onlyThoseWhoShareAConversationSeeSomeonesPresence() {
        var customer = shopper();
        var agent = shopper();
        var stranger = shopper();
        CHAT.conversation(customer.id(), agent.id());
        try (SseClient stream = stream("topics=chat", agent.bearer())) {
            await().atMost(WAIT)
                    .until(() ->
                            status(customer, agent).path("status").asString().equals("online"));

            HttpJson.Response asked = presence(stranger, agent.id() + "," + customer.id());
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.json().get("items"))
                    .as("no one the stranger shares a conversation with")
                    .isEmpty();

            HttpJson.Response both = presence(customer, stranger.id() + "," + agent.id() + "," + customer.id());
            assertThat(both.json().get("items"))
                    .extracting(item -> item.get("userId").asString())
                    .containsExactly(agent.id().toString(), customer.id().toString());
        }
    }

    @Test
    void presenceChangesArePushedToWhoeverSharesAConversation() {
        var customer = shopper();
        var agent = shopper();
        var stranger = shopper();
        UUID conversation = CHAT.conversation(customer.id(), agent.id());
        try (WsClient customers = socket("", customer.bearer());
                WsClient strangers = socket("", stranger.bearer())) {
            customers.send("{\"type\":\"subscribe\",\"topics\":[\"chat\"]}");
            customers.next("subscribed", WAIT);
            strangers.send("{\"type\":\"subscribe\",\"topics\":[\"chat\"]}");
            strangers.next("subscribed", WAIT);
            // realtime learns who is in the conversation from its events
            publish(TestEvents.chatMessage(conversation, 1, customer.id(), "hello?", customer.id(), agent.id()));
            assertThat(customers.next("event", WAIT).get("event").asString()).isEqualTo("chat.message");

            try (SseClient agents = stream("topics=chat", agent.bearer())) {
                JsonNode online = customers.next(this::isPresence, WAIT);
                assertThat(online).as("chat.presence online").isNotNull();
                assertThat(online.get("topic").asString()).isEqualTo("chat");
                assertThat(online.has("id")).as("not kept in the history").isFalse();
                assertThat(online.get("data").get("userId").asString())
                        .isEqualTo(agent.id().toString());
                assertThat(online.get("data").get("status").asString()).isEqualTo("online");
            }
            JsonNode offline = customers.next(this::isPresence, WAIT);
            assertThat(offline.get("data").get("status").asString()).isEqualTo("offline");
            assertThat(offline.get("data").get("lastSeen").asString()).isNotBlank();
            assertThat(strangers.within("event", Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void badRequestsAreProblemsAndChatDownIsA503() {
        var customer = shopper();
        for (String bad : new String[] {null, "", "not-a-uuid", UUID.randomUUID() + ",", tooMany()}) {
            JsonNode problem = ProblemAssertions.assertProblem(presence(customer, bad), 400, "validation");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("users");
        }
        assertThat(http.get("/v1/chat/presence?users=" + UUID.randomUUID()).status())
                .isEqualTo(401);

        CHAT.down(true);
        try {
            HttpJson.Response unavailable = presence(customer, UUID.randomUUID().toString());
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.contentType()).startsWith("application/problem+json");
        } finally {
            CHAT.down(false);
        }
    }

    private static String tooMany() {
        StringBuilder users = new StringBuilder(UUID.randomUUID().toString());
        for (int i = 0; i < 100; i++) {
            users.append(',').append(UUID.randomUUID());
        }
        return users.toString();
    }

    private boolean isPresence(JsonNode frame) {
        return "chat.presence".equals(frame.path("event").asString());
    }

    private JsonNode status(Shopper asking, Shopper about) {
        HttpJson.Response answer = presence(asking, about.id().toString());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode items = answer.json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private HttpJson.Response presence(Shopper asking, String users) {
        return http.get("/v1/chat/presence" + (users == null ? "" : "?users=" + users), asking.bearer());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
