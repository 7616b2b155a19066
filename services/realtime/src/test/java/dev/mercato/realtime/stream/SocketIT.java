package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.realtime.history.StreamId;
import dev.mercato.testsupport.http.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /v1/ws}: the event stream's events as JSON frames, subscribed and resumed per topic, pinged. */
class SocketIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    EventLog log;

    @Autowired
    RedisKeys keys;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aSubscriberGetsItsOwnOrderEventsLiveAndNoOneElses() {
        var owner = shopper();
        var other = shopper();
        try (WsClient socket = socket("", owner.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            JsonNode subscribed = socket.next("subscribed", WAIT);
            assertThat(subscribed.get("topics").toString()).isEqualTo("[\"orders\"]");

            UUID othersOrder = UUID.randomUUID();
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(othersOrder, other.id()));
            publish(TestEvents.orderCreated(order, owner.id()));

            JsonNode event = socket.next("event", WAIT);
            assertThat(event.get("topic").asString()).isEqualTo("orders");
            assertThat(event.get("event").asString()).isEqualTo("order.status");
            assertThat(event.get("data").get("orderId").asString()).isEqualTo(order.toString());
            assertThat(event.get("data").get("status").asString()).isEqualTo("PENDING");
            assertThat(StreamId.parse(event.get("id").asString())).isNotNull();
            assertThat(socket.within("event", Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aResubscribingClientGetsExactlyWhatItMissedSinceItsLastEventThenLiveEvents() {
        var owner = shopper();
        UUID first = UUID.randomUUID();
        String lastSeen;
        try (WsClient socket = socket("", owner.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            socket.next("subscribed", WAIT);
            publish(TestEvents.orderCreated(first, owner.id()));
            lastSeen = socket.next("event", WAIT).get("id").asString();
        }
        UUID second = UUID.randomUUID();
        publish(TestEvents.orderConfirmed(first, owner.id()));
        publish(TestEvents.orderCreated(second, owner.id()));
        publish(TestEvents.orderCancelled(second, owner.id(), "out_of_stock"));
        await().atMost(WAIT).until(() -> redis.opsForStream().size(keys.channel("orders:" + owner.id())) == 4);

        try (WsClient resumed = socket("", owner.bearer())) {
            resumed.send("{\"type\":\"subscribe\",\"topics\":[\"orders\"],\"since\":\"" + lastSeen + "\"}");
            List<JsonNode> missed =
                    List.of(resumed.next("event", WAIT), resumed.next("event", WAIT), resumed.next("event", WAIT));
            UUID third = UUID.randomUUID();
            publish(TestEvents.orderCreated(third, owner.id()));
            JsonNode live = resumed.next("event", WAIT);

            assertThat(missed)
                    .extracting(frame -> frame.get("data").toString())
                    .satisfiesExactly(
                            d -> assertThat(d).contains(first.toString(), "CONFIRMED"),
                            d -> assertThat(d).contains(second.toString(), "PENDING"),
                            d -> assertThat(d).contains(second.toString(), "CANCELLED", "out_of_stock"));
            assertThat(live.get("data").toString()).contains(third.toString());
            assertThat(resumed.within("event", Duration.ofMillis(500)))
                    .as("nothing twice")
                    .isEmpty();
        }
    }

    @Test
    void aTopicWhoseHistoryWasTrimmedGetsAResetThenWhatIsLeftAndTheOthersNone() {
        var shopper = shopper();
        String channel = "product:" + UUID.randomUUID();
        var trimmed = history().trimmed(channel);

        try (WsClient socket = socket("", shopper.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"" + channel + "\"],\"since\":\""
                    + trimmed.oldest() + "\"}");
            JsonNode reset = socket.next(frame -> !frame.path("type").asString().equals("subscribed"), WAIT);
            JsonNode next = socket.next("event", WAIT);

            assertThat(reset.get("type").asString()).isEqualTo("reset");
            assertThat(reset.get("topic").asString()).isEqualTo(channel);
            assertThat(reset.get("id").asString()).isEqualTo(trimmed.oldest().toString());
            assertThat(next.get("id").asString()).isEqualTo(trimmed.firstKept().toString());
            assertThat(next.get("topic").asString()).isEqualTo(channel);
            assertThat(socket.within("reset", Duration.ofSeconds(1)))
                    .as("no reset for orders, whose history is complete")
                    .isEmpty();
        }
    }

    @Test
    void anUnsubscribedTopicSendsNothingMore() {
        var shopper = shopper();
        UUID product = UUID.randomUUID();
        String channel = "product:" + product;
        try (WsClient socket = socket("", shopper.bearer())) {
            socket.send("{\"type\":\"subscribe\",\"topics\":[\"" + channel + "\",\"orders\"]}");
            socket.next("subscribed", WAIT);
            append(channel, 1);
            assertThat(socket.next("event", WAIT).get("topic").asString()).isEqualTo(channel);

            socket.send("{\"type\":\"unsubscribe\",\"topics\":[\"" + channel + "\"]}");
            assertThat(socket.next("unsubscribed", WAIT).get("topics").toString())
                    .isEqualTo("[\"" + channel + "\"]");
            append(channel, 2);
            UUID order = UUID.randomUUID();
            publish(TestEvents.orderCreated(order, shopper.id()));

            JsonNode next = socket.next("event", WAIT);
            assertThat(next.get("topic").asString()).isEqualTo("orders");
            assertThat(socket.within("event", Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void anIdleConnectionIsPingedOnTheSharedHeartbeat() {
        try (WsClient socket = socket("", shopper().bearer())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.pings() >= 2);
        }
    }

    private StreamId append(String channel, int n) {
        return history().append(channel, n);
    }

    private History history() {
        return new History(log, keys, redis);
    }
}
