package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.HistoryEntry;
import dev.mercato.realtime.history.LiveListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The connections of this instance by channel: the backplane's entries go to the connections of their channel. A
 * frame is built once per event, whatever the number of connections it goes to.
 */
@Component
class LocalSubscribers implements LiveListener {

    private final ConcurrentHashMap<String, Set<Subscriber>> byChannel = new ConcurrentHashMap<>();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    private final Counter slowDrops;
    private final Counter behindDrops;

    LocalSubscribers(MeterRegistry meters) {
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
            byChannel.compute(channel, (key, subscribers) -> {
                Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
                set.add(subscriber);
                return set;
            });
        }
    }

    void remove(Subscriber subscriber) {
        all.remove(subscriber);
        for (String channel : subscriber.channels()) {
            byChannel.computeIfPresent(channel, (key, subscribers) -> {
                subscribers.remove(subscriber);
                return subscribers.isEmpty() ? null : subscribers;
            });
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

    /** Live events were missed: every connection ends, and its client resumes from its last event id. */
    @Override
    public void onGap() {
        all.forEach(subscriber -> {
            subscriber.end(new Subscriber.MissedEventsException());
            behindDrops.increment();
        });
    }

    void heartbeat() {
        all.forEach(Subscriber::heartbeat);
    }

    int size() {
        return all.size();
    }
}
