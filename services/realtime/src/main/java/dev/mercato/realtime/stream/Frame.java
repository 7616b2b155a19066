package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.StreamId;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;

/**
 * One event as sent, built once and shared by every connection it goes to, in both transports' shapes.
 *
 * @param id the event's place in the order of events, or null for what is not ordered (heartbeats, resets)
 * @param sse the event as a Server-Sent Event
 * @param json the event as a WebSocket text frame; null for what a WebSocket does not carry as text (the heartbeat is a
 *     ping, the opening frame only the event stream's)
 */
record Frame(
        @Nullable StreamId id,
        ServerSentEvent<String> sse,
        @Nullable String json) {

    static final Frame HEARTBEAT = new Frame(
            null, ServerSentEvent.<String>builder().comment("heartbeat").build(), null);

    static Frame of(HistoryEntry entry) {
        return new Frame(
                entry.id(),
                ServerSentEvent.<String>builder()
                        .id(entry.id().toString())
                        .event(entry.event())
                        .data(entry.data())
                        .build(),
                // ids, channels and event names are plain tokens and data is JSON already: no escaping needed
                "{\"type\":\"event\",\"id\":\"" + entry.id() + "\",\"topic\":\"" + Topic.nameOf(entry.channel())
                        + "\",\"event\":\"" + entry.event() + "\",\"data\":" + entry.data() + "}");
    }

    /** First on every event stream: sends the headers at once (the gateway and clients wait for them). */
    static Frame opening(Duration retry) {
        return new Frame(
                null,
                ServerSentEvent.<String>builder()
                        .retry(retry)
                        .comment("connected")
                        .build(),
                null);
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
                        .build(),
                "{\"type\":\"reset\",\"id\":\"" + since + "\",\"topic\":\"" + topic.name() + "\"}");
    }
}
