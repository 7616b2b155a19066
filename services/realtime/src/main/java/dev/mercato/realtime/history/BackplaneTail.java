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
 * live clients miss nothing the global stream still holds.
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

    @Override
    public void start() {
        running = true;
        reader = Thread.ofVirtual().name("realtime-backplane").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = reader;
        if (current != null) {
            current.interrupt();
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
