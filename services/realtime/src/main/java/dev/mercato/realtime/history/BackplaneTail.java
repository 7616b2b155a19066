package dev.mercato.realtime.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.stereotype.Component;

/**
 * This instance's reader of the global stream: the backplane. Every instance reads every event ({@code XREAD BLOCK}
 * from the last id it saw, starting at the stream's end) and hands it to its local subscribers, so any instance can
 * serve any client. One virtual thread and one Redis connection of its own (a blocking read must not hold up the
 * shared connection). While Redis is unreachable it retries every second and then goes on from the last id it saw, so
 * live clients miss nothing the global stream still holds. When it may have fallen further behind than the stream
 * reaches (after an outage or a pause, or while reads come back full), it checks whether entries after its last id
 * were trimmed, and if so tells its listeners before it hands over what follows: never a silent gap.
 */
@Component
public class BackplaneTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackplaneTail.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RedisConnectionFactory connections;
    private final byte[] stream;
    private final BackplaneProperties properties;
    private final List<LiveListener> listeners;
    private volatile boolean running;
    private volatile Thread reader;
    private StreamId last;
    /** Whether the next read must check for a gap: the first read on each connection, and after a full batch. */
    private boolean mayBeBehind;

    BackplaneTail(
            RedisConnectionFactory connections,
            RedisKeys keys,
            BackplaneProperties properties,
            List<LiveListener> listeners) {
        this.connections = connections;
        this.stream = keys.all().getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Takes the stream's end as the first position here, before the web server accepts a connection: taken later by the
     * reader, an event appended in between would reach no connection opened in between (LiveDeliveryIT missed one
     * that way). With Redis out of reach the reader takes it once Redis answers; nothing is served before then.
     */
    @Override
    public void start() {
        running = true;
        if (last == null) { // a restart goes on from the last id it saw
            try (RedisConnection connection = connections.getConnection()) {
                last = end(connection);
            } catch (RuntimeException unreachable) {
                log.warn(
                        "Backplane position not taken at start, the reader takes it later: {}",
                        unreachable.getMessage());
            }
        }
        reader = Thread.ofVirtual().name("realtime-backplane").start(this::run);
    }

    /** Waits for the reader to end, so no read overlaps a later start or the shutdown of the Redis client. */
    @Override
    public void stop() {
        running = false;
        Thread current = reader;
        if (current != null) {
            current.interrupt();
            try {
                current.join(properties.block().plusSeconds(2));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server takes connections, stopped after it closed them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void run() {
        while (running) {
            try (RedisConnection connection = connections.getConnection()) {
                if (last == null) {
                    last = end(connection);
                }
                mayBeBehind = true;
                while (running) {
                    read(connection);
                }
            } catch (RuntimeException failed) {
                if (running) {
                    log.warn("Backplane read failed, retrying in {} from {}: {}", RETRY, last, failed.getMessage());
                    pause();
                }
            }
        }
    }

    private void read(RedisConnection connection) {
        List<ByteRecord> records = connection
                .streamCommands()
                .xRead(
                        StreamReadOptions.empty().block(properties.block()).count(properties.batchSize()),
                        StreamOffset.create(stream, ReadOffset.from(last.toString())));
        if (records == null || records.isEmpty()) {
            return;
        }
        if (mayBeBehind && trimmedAfter(connection, last)) {
            log.warn("The backplane fell behind past {}: entries after it were trimmed; live clients resume", last);
            listeners.forEach(LiveListener::onGap);
        }
        mayBeBehind = records.size() >= properties.batchSize();
        List<HistoryEntry> entries = new ArrayList<>(records.size());
        for (ByteRecord record : records) {
            entries.add(entry(record));
        }
        last = entries.getLast().id();
        for (LiveListener listener : listeners) {
            try {
                listener.onEntries(entries);
            } catch (RuntimeException failed) {
                log.error("A live listener failed on {} entries", entries.size(), failed);
            }
        }
    }

    private StreamId end(RedisConnection connection) {
        List<ByteRecord> newest = connection
                .streamCommands()
                .xRevRange(stream, Range.unbounded(), Limit.limit().count(1));
        return newest == null || newest.isEmpty()
                ? StreamId.ZERO
                : StreamId.parse(newest.getFirst().getId().getValue());
    }

    /**
     * Checked after the read that may follow a gap, before its entries are handed over: the stream's
     * {@code max-deleted-entry-id} only grows, so if it is not past {@code id} now, it was not when the read ran.
     */
    private boolean trimmedAfter(RedisConnection connection, StreamId id) {
        Object deleted = connection.streamCommands().xInfo(stream).getRaw().get("max-deleted-entry-id");
        String text =
                deleted instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(deleted);
        return deleted != null && StreamId.parse(text).isAfter(id);
    }

    private static HistoryEntry entry(ByteRecord record) {
        String channel = "";
        String event = "";
        String data = "";
        for (Map.Entry<byte[], byte[]> field : record.getValue().entrySet()) {
            String value = new String(field.getValue(), StandardCharsets.UTF_8);
            switch (new String(field.getKey(), StandardCharsets.UTF_8)) {
                case "c" -> channel = value;
                case "e" -> event = value;
                case "d" -> data = value;
                default -> {}
            }
        }
        return new HistoryEntry(StreamId.parse(record.getId().getValue()), channel, event, data);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
