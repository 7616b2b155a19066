package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.Publication;
import dev.mercato.realtime.history.RedisKeys;
import dev.mercato.realtime.history.StreamId;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Events written straight to the history, as the ingest writes them, for the resume tests of both transports. */
record History(EventLog log, RedisKeys keys, StringRedisTemplate redis) {

    StreamId append(String channel, int n) {
        return log.append(new Appendable(
                        UUID.randomUUID(),
                        null,
                        0,
                        List.of(Publication.always(channel, "product.price", "{\"n\":" + n + "}"))))
                .getFirst();
    }

    /** 450 events on the channel, more than it keeps: its first one is gone. */
    Trimmed trimmed(String channel) {
        StreamId oldest = append(channel, 0);
        for (int i = 1; i < 450; i++) {
            append(channel, i);
        }
        String firstKept = redis.opsForStream()
                .range(keys.channel(channel), Range.unbounded(), Limit.limit().count(1))
                .getFirst()
                .getId()
                .getValue();
        return new Trimmed(
                oldest, StreamId.parse(firstKept), redis.opsForStream().size(keys.channel(channel)));
    }

    /** @param kept how many events the channel still holds */
    record Trimmed(StreamId oldest, StreamId firstKept, long kept) {}
}
