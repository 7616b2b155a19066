package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.StreamId;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One event as sent, built once and shared by every connection it goes to.
 *
 * @param id the event's place in the order of events, or null for what is not ordered (heartbeats, resets)
 */
record Frame(@Nullable StreamId id, ServerSentEvent<String> event) {

    static final Frame HEARTBEAT = new Frame(
            null, ServerSentEvent.<String>builder().comment("heartbeat").build());

    static Frame of(HistoryEntry entry) {
        return new Frame(
                entry.id(),
                ServerSentEvent.<String>builder()
                        .id(entry.id().toString())
                        .event(entry.event())
                        .data(entry.data())
                        .build());
    }

    /** First on every connection: sends the headers at once (the gateway and clients wait for them). */
    static ServerSentEvent<String> opening(Duration retry) {
        return ServerSentEvent.<String>builder()
                .retry(retry)
                .comment("connected")
                .build();
    }

    /**
     * The topic's history no longer reaches back to {@code since}: the client reloads its state. It carries
     * {@code since} as its id, so a client that reconnects now asks from the same point.
     */
    static Frame reset(Topic topic, StreamId since) {
        return new Frame(
                null,
                ServerSentEvent.<String>builder()
                        .id(since.toString())
                        .event("reset")
                        .data("{\"topic\":\"" + topic.name() + "\"}")
                        .build());
    }
}
