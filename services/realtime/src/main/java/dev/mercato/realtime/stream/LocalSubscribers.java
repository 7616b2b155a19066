package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.EphemeralEvent;
import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.LiveListener;
import dev.mercato.realtime.ingest.Channels;
import dev.mercato.realtime.presence.Presence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The connections of this instance by channel: the backplane's entries go to the connections of their channel. A
 * frame is built once per event, whatever the number of connections it goes to. A user's first subscriber of their
 * {@code chat} channel here, and their last one gone, is what {@link Presence} counts: the channels already say who is
 * connected, so presence keeps nothing per connection.
 */
@Component
class LocalSubscribers implements LiveListener {

    /** api.md: typing is a WebSocket event only. */
    private static final String TYPING = "chat.typing";

    private final ConcurrentHashMap<String, Set<Subscriber>> byChannel = new ConcurrentHashMap<>();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    private final Counter slowDrops;
    private final Counter behindDrops;
    private final Presence presence;

    LocalSubscribers(MeterRegistry meters, Presence presence) {
        this.presence = presence;
        Gauge.builder("realtime.connections", all, Set::size)
                .description("Open connections (event streams and WebSockets) on this instance")
                .register(meters);
        this.slowDrops = Counter.builder("realtime.connections.dropped")
                .description("Connections dropped because the client left its buffer full")
                .tag("reason", "slow")
                .register(meters);
        this.behindDrops = Counter.builder("realtime.connections.dropped")
                .description("Connections dropped because this instance's backplane missed trimmed events")
                .tag("reason", "behind")
                .register(meters);
    }

    Runnable slowDropCounter() {
        return slowDrops::increment;
    }

    /**
     * @param connection whether it is a connection of its own (an event stream, a WebSocket): counted, sent
     *     heartbeats, ended on a gap; a WebSocket's topics are not, the socket they belong to is
     */
    void add(Subscriber subscriber, boolean connection) {
        if (connection) {
            all.add(subscriber);
        }
        for (String channel : subscriber.channels()) {
            boolean[] first = {false};
            byChannel.compute(channel, (key, subscribers) -> {
                first[0] = subscribers == null;
                Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
                set.add(subscriber);
                return set;
            });
            UUID chatUser = first[0] ? Channels.chatUser(channel) : null;
            if (chatUser != null) {
                presence.joined(chatUser, () -> byChannel.containsKey(channel));
            }
        }
    }

    void remove(Subscriber subscriber) {
        all.remove(subscriber);
        for (String channel : subscriber.channels()) {
            boolean[] last = {false};
            byChannel.computeIfPresent(channel, (key, subscribers) -> {
                last[0] = subscribers.remove(subscriber) && subscribers.isEmpty();
                return subscribers.isEmpty() ? null : subscribers;
            });
            UUID chatUser = last[0] ? Channels.chatUser(channel) : null;
            if (chatUser != null) {
                presence.left(chatUser, () -> !byChannel.containsKey(channel));
            }
        }
    }

    @Override
    public void onEntries(List<HistoryEntry> entries) {
        for (HistoryEntry entry : entries) {
            Set<Subscriber> subscribers = byChannel.get(entry.channel());
            if (subscribers != null) {
                Frame frame = Frame.of(entry);
                subscribers.forEach(subscriber -> subscriber.live(frame));
            }
        }
    }

    /**
     * An event no history keeps: to the connections of its channels, as they are now; one frame per topic name (every
     * user's chat channel is their {@code chat}), not per channel.
     */
    @Override
    public void onEphemeral(EphemeralEvent event) {
        boolean onEventStreams = !TYPING.equals(event.event());
        Frame frame = null;
        String topic = null;
        for (String channel : event.channels()) {
            Set<Subscriber> subscribers = byChannel.get(channel);
            if (subscribers != null) {
                if (frame == null || !topic.equals(Topic.nameOf(channel))) {
                    topic = Topic.nameOf(channel);
                    frame = Frame.ephemeral(channel, event.event(), event.data(), onEventStreams);
                }
                Frame shared = frame;
                subscribers.forEach(subscriber -> subscriber.live(shared));
            }
        }
    }

    /** Live events were missed: every connection ends, and its client resumes from its last event id. */
    @Override
    public void onGap() {
        all.forEach(subscriber -> {
            subscriber.end(new Subscriber.MissedEventsException());
            behindDrops.increment();
        });
    }

    /** Pings every connection, and renews the presence of the users whose chat this instance serves. */
    void heartbeat() {
        all.forEach(Subscriber::heartbeat);
        List<UUID> chatting = new ArrayList<>();
        for (String channel : byChannel.keySet()) {
            UUID user = Channels.chatUser(channel);
            if (user != null) {
                chatting.add(user);
            }
        }
        presence.refresh(chatting);
    }

    int size() {
        return all.size();
    }
}
