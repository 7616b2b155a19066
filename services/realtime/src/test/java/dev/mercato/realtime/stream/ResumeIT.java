package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.TestEvents;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.realtime.history.StreamId;
import dev.mercato.testsupport.http.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Last-Event-ID: exactly the missed events, none twice, and a reset where the history no longer reaches back. */
class ResumeIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    EventLog log;

    @Autowired
    RedisKeys keys;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aReconnectingClientGetsExactlyWhatItMissedThenLiveEvents() {
        var owner = shopper();
        UUID first = UUID.randomUUID();
        String lastSeen;
        try (SseClient stream = stream("topics=orders", owner.bearer())) {
            publish(TestEvents.orderCreated(first, owner.id()));
            lastSeen = stream.nextEvent(WAIT).id();
        }
        UUID second = UUID.randomUUID();
        publish(TestEvents.orderConfirmed(first, owner.id()));
        publish(TestEvents.orderCreated(second, owner.id()));
        publish(TestEvents.orderCancelled(second, owner.id(), "out_of_stock"));
        await().atMost(WAIT).until(() -> redis.opsForStream().size(keys.channel("orders:" + owner.id())) == 4);

        try (SseClient resumed =
                stream("topics=orders", owner.bearer()[0], owner.bearer()[1], "Last-Event-ID", lastSeen)) {
            List<SseClient.Frame> missed =
                    List.of(resumed.nextEvent(WAIT), resumed.nextEvent(WAIT), resumed.nextEvent(WAIT));
            UUID third = UUID.randomUUID();
            publish(TestEvents.orderCreated(third, owner.id()));
            var live = resumed.nextEvent(WAIT);

            assertThat(missed)
                    .extracting(SseClient.Frame::data)
                    .satisfiesExactly(
                            d -> assertThat(d).contains(first.toString(), "CONFIRMED"),
                            d -> assertThat(d).contains(second.toString(), "PENDING"),
                            d -> assertThat(d).contains(second.toString(), "CANCELLED", "out_of_stock"));
            assertThat(live.data()).contains(third.toString());
            assertThat(resumed.eventsWithin(Duration.ofMillis(500)))
                    .as("nothing twice")
                    .isEmpty();
        }
    }

    /** Events keep coming while the client resumes: the history and the live stream meet with no gap and no double. */
    @Test
    void aResumeWhileEventsFlowHasNoGapAndNoDuplicate() throws Exception {
        var shopper = shopper();
        UUID product = UUID.randomUUID();
        String channel = "product:" + product;
        List<StreamId> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(history().append(channel, i));
        }
        StreamId resumeAfter = before.get(9);
        List<StreamId> during = new ArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 20; i < 220; i++) {
                during.add(history().append(channel, i));
            }
        });

        List<String> received = new ArrayList<>();
        try (SseClient resumed = stream(
                "topics=" + channel,
                shopper.bearer()[0],
                shopper.bearer()[1],
                "Last-Event-ID",
                resumeAfter.toString())) {
            writer.get();
            SseClient.Frame frame;
            while (received.size() < 210 && (frame = resumed.nextEvent(WAIT)) != null) {
                received.add(frame.id());
            }
            received.addAll(resumed.eventsWithin(Duration.ofMillis(500)).stream()
                    .map(SseClient.Frame::id)
                    .toList());
        }

        List<String> expected = new ArrayList<>();
        before.subList(10, 20).forEach(id -> expected.add(id.toString()));
        during.forEach(id -> expected.add(id.toString()));
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void aTopicWhoseHistoryWasTrimmedGetsAResetThenWhatIsLeft() {
        var shopper = shopper();
        String channel = "product:" + UUID.randomUUID();
        var trimmed = history().trimmed(channel);
        assertThat(trimmed.firstKept().isAfter(trimmed.oldest()))
                .as("the history was trimmed")
                .isTrue();

        try (SseClient resumed = stream(
                "topics=orders," + channel,
                shopper.bearer()[0],
                shopper.bearer()[1],
                "Last-Event-ID",
                trimmed.oldest().toString())) {
            var reset = resumed.nextEvent(WAIT);
            var next = resumed.nextEvent(WAIT);

            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.data()).isEqualTo("{\"topic\":\"" + channel + "\"}");
            assertThat(reset.id())
                    .as("resuming from here asks again from the same point")
                    .isEqualTo(trimmed.oldest().toString());
            assertThat(next.id()).isEqualTo(trimmed.firstKept().toString());
            List<SseClient.Frame> rest = resumed.eventsWithin(Duration.ofSeconds(2));
            assertThat(rest)
                    .as("no reset for the orders topic, whose history is complete")
                    .noneMatch(frame -> frame.event().equals("reset"));
            assertThat(rest)
                    .as("the whole history left, though larger than the client's buffer")
                    .hasSize((int) trimmed.kept() - 1);
        }
    }

    private History history() {
        return new History(log, keys, redis);
    }
}
