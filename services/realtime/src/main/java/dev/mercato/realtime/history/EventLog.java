package dev.mercato.realtime.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The event history in Redis Streams: one global stream (the backplane every instance tails, {@link BackplaneTail})
 * and one stream per channel holding the same entries under the same ids (what a client resumes from). Both are
 * trimmed to about their {@code MAXLEN}; a channel forgotten after its ttl.
 */
@Component
public class EventLog {

    /** A channel is trimmed about 100 entries at a time ({@code append.lua}): it holds up to that many more. */
    private static final int TRIM_SLACK = 200;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> APPEND =
            RedisScript.of(new ClassPathResource("redis/append.lua"), List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REPLAY =
            RedisScript.of(new ClassPathResource("redis/replay.lua"), List.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final HistoryProperties properties;
    private final Clock clock = Clock.systemUTC();

    EventLog(StringRedisTemplate redis, RedisKeys keys, HistoryProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * Appends the message's events to the global stream and their channels in one script, so an event is in both or
     * in neither; a message appended before (same id) or older than its aggregate's known version appends nothing.
     *
     * @return the ids appended
     */
    public List<StreamId> append(Appendable message) {
        if (message.publications().isEmpty()) {
            return List.of();
        }
        List<String> scriptKeys = new ArrayList<>();
        scriptKeys.add(keys.seen(message.messageId()));
        scriptKeys.add(keys.all());
        scriptKeys.add(keys.state(message.state() == null ? "none" : message.state()));
        List<String> args = new ArrayList<>(List.of(
                seconds(properties.seenTtl()),
                Integer.toString(properties.allMaxLength()),
                Integer.toString(properties.channelMaxLength()),
                seconds(properties.channelTtl()),
                message.state() == null ? "" : Long.toString(message.version()),
                seconds(properties.stateTtl())));
        for (Publication publication : message.publications()) {
            scriptKeys.add(keys.channel(publication.channel()));
            args.add(publication.channel());
            args.add(publication.event());
            args.add(publication.data());
            args.add(publication.stateField() == null ? "" : publication.stateField());
            args.add(publication.stateValue() == null ? "" : publication.stateValue());
        }
        List<?> ids = redis.execute(APPEND, scriptKeys, args.toArray());
        return ids == null
                ? List.of()
                : ids.stream().map(id -> StreamId.parse(id.toString())).toList();
    }

    /**
     * What the channels hold after {@code after}, merged in id order, and which channels no longer reach back that
     * far. A channel whose stream is gone is complete only if it cannot have expired since {@code after}: any event
     * after it would have renewed the stream's ttl.
     */
    public Replay replay(Set<String> channels, StreamId after) {
        List<String> ordered = List.copyOf(channels);
        List<String> streamKeys = ordered.stream().map(keys::channel).toList();
        List<?> perChannel = redis.execute(
                REPLAY, streamKeys, after.toString(), Integer.toString(properties.channelMaxLength() + TRIM_SLACK));
        List<HistoryEntry> entries = new ArrayList<>();
        Set<String> incomplete = new LinkedHashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            String channel = ordered.get(i);
            List<?> answer = (List<?>) perChannel.get(i);
            String head = answer.getFirst().toString();
            if (head.equals("missing")) {
                if (mayHaveExpiredSince(after)) {
                    incomplete.add(channel);
                }
                continue;
            }
            if (StreamId.parse(head).isAfter(after)) {
                incomplete.add(channel);
            }
            for (int j = 1; j + 2 < answer.size(); j += 3) {
                entries.add(new HistoryEntry(
                        StreamId.parse(answer.get(j).toString()),
                        channel,
                        answer.get(j + 1).toString(),
                        answer.get(j + 2).toString()));
            }
        }
        entries.sort(Comparator.comparing(HistoryEntry::id));
        return new Replay(entries, incomplete);
    }

    private boolean mayHaveExpiredSince(StreamId after) {
        return clock.millis() - after.millis() >= properties.channelTtl().toMillis();
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    /**
     * @param entries the channels' events after the id asked for, oldest first
     * @param incomplete the channels whose history no longer reaches back to that id
     */
    public record Replay(List<HistoryEntry> entries, Set<String> incomplete) {}
}
