package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One event as sent, built once and shared by every connection it goes to, in both transports' shapes: a product
 * event to 10,000 connections is encoded once, and each connection writes the same bytes.
 *
 * @param id the event's place in the order of events, or null for what is not ordered (heartbeats, resets)
 * @param sse the event as a Server-Sent Event, encoded (UTF-8); never modified once built; null for what an event
 *     stream does not carry (typing: WebSocket only)
 * @param json the event as a WebSocket text frame; null for what a WebSocket does not carry as text (the heartbeat is a
 *     ping, the opening frame only the event stream's)
 */
record Frame(
        @Nullable StreamId id,
        byte @Nullable [] sse,
        @Nullable String json) {

    static final Frame HEARTBEAT = new Frame(null, encode(":heartbeat\n\n"), null);

    static Frame of(HistoryEntry entry) {
        return new Frame(
                entry.id(),
                event(entry.id().toString(), entry.event(), entry.data()),
                // ids, channels and event names are plain tokens and data is JSON already: no escaping needed
                "{\"type\":\"event\",\"id\":\"" + entry.id() + "\",\"topic\":\"" + Topic.nameOf(entry.channel())
                        + "\",\"event\":\"" + entry.event() + "\",\"data\":" + entry.data() + "}");
    }

    /**
     * An event no history keeps ({@code chat.typing}, {@code chat.presence}): no id, so it neither moves a client's
     * last event id nor is skipped as already sent; {@code onEventStreams} false for what only a WebSocket carries.
     */
    static Frame ephemeral(String channel, String event, String data, boolean onEventStreams) {
        return new Frame(
                null,
                onEventStreams ? event(null, event, data) : null,
                "{\"type\":\"event\",\"topic\":\"" + Topic.nameOf(channel) + "\",\"event\":\"" + event + "\",\"data\":"
                        + data + "}");
    }

    /** First on every event stream: sends the headers at once (the gateway and clients wait for them). */
    static Frame opening(Duration retry) {
        return new Frame(null, encode("retry:" + retry.toMillis() + "\n:connected\n\n"), null);
    }

    /**
     * The topic's history no longer reaches back to {@code since}: the client reloads its state. It carries
     * {@code since} as its id, so a client that reconnects now asks from the same point.
     */
    static Frame reset(Topic topic, StreamId since) {
        String data = "{\"topic\":\"" + topic.name() + "\"}";
        return new Frame(
                null,
                event(since.toString(), "reset", data),
                "{\"type\":\"reset\",\"id\":\"" + since + "\",\"topic\":\"" + topic.name() + "\"}");
    }

    /** The text/event-stream form: a data line per line of the data (JSON has none, but nothing may break a frame). */
    private static byte[] event(@Nullable String id, String event, String data) {
        StringBuilder text = new StringBuilder(data.length() + 64);
        if (id != null) {
            text.append("id:").append(id).append('\n');
        }
        text.append("event:").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            text.append("data:").append(line).append('\n');
        }
        return encode(text.append('\n').toString());
    }

    private static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
