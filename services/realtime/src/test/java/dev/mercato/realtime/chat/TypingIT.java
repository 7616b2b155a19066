package dev.mercato.realtime.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Typing over the WebSocket: to the other members' sockets, never stored, never on event streams, members only. */
class TypingIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Test
    void typingReachesTheOtherMembersSocketsOnlyAndIsNeverStored() throws InterruptedException {
        var customer = shopper();
        var agent = shopper();
        var stranger = shopper();
        UUID conversation = UUID.randomUUID();
        try (WsClient customers = chat(customer);
                WsClient agents = chat(agent);
                WsClient strangers = chat(stranger);
                SseClient customersStream = stream("topics=chat", customer.bearer())) {
            assertThat(customersStream.next(WAIT).comment()).isEqualTo("connected");
            publish(TestEvents.chatMessage(conversation, 1, customer.id(), "hello?", customer.id(), agent.id()));
            customers.next("event", WAIT);
            agents.next("event", WAIT);
            customersStream.nextEvent(WAIT);
            String history = keys.channel("chat:" + customer.id());
            long stored = redis.opsForStream().size(history);

            agents.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");

            JsonNode typing = customers.next("event", WAIT);
            assertThat(typing.get("event").asString()).isEqualTo("chat.typing");
            assertThat(typing.get("topic").asString()).isEqualTo("chat");
            assertThat(typing.has("id")).isFalse();
            assertThat(typing.get("data").get("conversationId").asString()).isEqualTo(conversation.toString());
            assertThat(typing.get("data").get("userId").asString())
                    .isEqualTo(agent.id().toString());
            assertThat(agents.within("event", Duration.ofMillis(300)))
                    .as("not to the typist")
                    .isEmpty();
            assertThat(strangers.within("event", Duration.ofMillis(300))).isEmpty();
            assertThat(customersStream.eventsWithin(Duration.ofMillis(300)))
                    .as("WebSocket only")
                    .isEmpty();
            assertThat(redis.opsForStream().size(history)).as("never stored").isEqualTo(stored);

            Thread.sleep(300); // past the typing interval
            strangers.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}");
            JsonNode refused = strangers.next("error", WAIT);
            assertThat(refused.get("status").asInt()).isEqualTo(404);
            assertThat(customers.within("event", Duration.ofMillis(300))).isEmpty();
        }
    }

    private WsClient chat(Shopper user) {
        WsClient socket = socket("", user.bearer());
        socket.send("{\"type\":\"subscribe\",\"topics\":[\"chat\"]}");
        socket.next("subscribed", WAIT);
        return socket;
    }
}
