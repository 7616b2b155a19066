package dev.mercato.realtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A backplane reader that falls further behind than the global stream reaches says so before it hands over what
 * follows, and one that does not fall that far never does. A reader and a history of the test's own, on the shared
 * Redis, keeping only about 10 events.
 */
class BackplaneGapIT extends RealtimeIntegrationTest {

    @Autowired
    RedisConnectionFactory connections;

    @Autowired
    StringRedisTemplate redis;

    /** Under the context's prefix, so its keys go when the context closes. */
    @Value("${realtime.redis.key-prefix}")
    String prefix;

    @Test
    void aReaderThatFellBehindThePastTheTrimmedEntriesReportsTheGapFirst() {
        RedisKeys keys = new RedisKeys(prefix + "gap:" + UUID.randomUUID() + ":");
        EventLog log = new EventLog(
                redis,
                keys,
                new HistoryProperties(10, 10, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5)));
        Recorder recorder = new Recorder();
        BackplaneTail tail = new BackplaneTail(
                connections, keys, new BackplaneProperties(Duration.ofMillis(200), 512), List.of(recorder));
        try {
            tail.start();
            StreamId first = append(log, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received(first));
            tail.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> !tail.isRunning());

            StreamId small = append(log, 1);
            tail.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received(small));
            assertThat(recorder.events)
                    .as("no gap: nothing after the reader's id was trimmed")
                    .doesNotContain("gap");

            tail.stop();
            for (int i = 2; i < 300; i++) {
                append(log, i);
            }
            StreamId latest = append(log, 300);
            tail.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.received(latest));

            int gap = recorder.events.indexOf("gap");
            assertThat(gap).as("the gap was reported").isPositive();
            assertThat(recorder.events.get(gap - 1))
                    .as("right after what the reader had")
                    .isEqualTo(small.toString());
            assertThat(recorder.events.subList(gap + 1, recorder.events.size()))
                    .as("then what the stream still holds")
                    .hasSizeBetween(10, 111)
                    .endsWith(latest.toString());
        } finally {
            tail.stop();
        }
    }

    private static StreamId append(EventLog log, int n) {
        return log.append(new Appendable(
                        UUID.randomUUID(), null, 0, List.of(Publication.always("gap", "e", "{\"n\":" + n + "}"))))
                .getFirst();
    }

    private static final class Recorder implements LiveListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEntries(List<HistoryEntry> entries) {
            entries.forEach(entry -> events.add(entry.id().toString()));
        }

        @Override
        public void onGap() {
            events.add("gap");
        }

        boolean received(StreamId id) {
            return events.contains(id.toString());
        }
    }
}
