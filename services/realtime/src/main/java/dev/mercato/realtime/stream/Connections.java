package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.StreamId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one pipeline both transports share: a {@link Subscriber} registered for live events, then resumed from the
 * history when the client asks ({@code Last-Event-ID} on an event stream, {@code since} on a WebSocket subscribe).
 */
@Component
class Connections {

    private final LocalSubscribers subscribers;
    private final EventLog eventLog;
    private final StreamProperties properties;
    private final Counter resets;

    Connections(LocalSubscribers subscribers, EventLog eventLog, StreamProperties properties, MeterRegistry meters) {
        this.subscribers = subscribers;
        this.eventLog = eventLog;
        this.properties = properties;
        this.resets = Counter.builder("realtime.resets")
                .description("Topics whose history no longer reached back to a client's last event id")
                .register(meters);
    }

    /**
     * An event stream: its opening frame, then its topics' history after {@code resumeAfter} (the client's
     * {@code Last-Event-ID}, or null), then their live events; heartbeats throughout.
     *
     * @param topics by channel
     */
    Flux<Frame> stream(Map<String, Topic> topics, @Nullable StreamId resumeAfter) {
        return frames(topics, resumeAfter, true, Mono.just(Frame.opening(properties.retry())));
    }

    /**
     * A WebSocket connection's own frames, before and besides its topics: heartbeats, and the error that drops it when
     * this instance missed events ({@link LocalSubscribers#onGap()}). It counts as one connection.
     */
    Flux<Frame> socket() {
        return frames(Map.of(), null, true, Flux.empty());
    }

    /**
     * One topic a WebSocket follows: its history after {@code since} (or none when null), then its live events, on the
     * same terms as an event stream's (a bounded queue, dropped as slow when full). No heartbeats: the socket has them.
     */
    Flux<Frame> topic(Topic topic, @Nullable StreamId since) {
        return frames(Map.of(topic.channel(), topic), since, false, Flux.empty());
    }

    private Flux<Frame> frames(
            Map<String, Topic> topics, @Nullable StreamId resumeAfter, boolean connection, Publisher<Frame> first) {
        return Flux.defer(() -> {
            Subscriber subscriber =
                    new Subscriber(topics.keySet(), properties.buffer(), resumeAfter, subscribers.slowDropCounter());
            // live first, so nothing written while the history is read is missed
            subscribers.add(subscriber, connection);
            return Flux.concat(first, subscriber.events(after -> history(topics, after)))
                    .mergeWith(subscriber.dropped())
                    .doFinally(signal -> subscribers.remove(subscriber));
        });
    }

    /** Resets first, then the events missed, sent at the client's pace; the read is a blocking Redis call. */
    private Flux<Frame> history(Map<String, Topic> topics, StreamId after) {
        return Mono.fromCallable(() -> eventLog.replay(topics.keySet(), after))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(replay -> {
                    resets.increment(replay.incomplete().size());
                    return Flux.concat(
                            Flux.fromIterable(replay.incomplete())
                                    .map(channel -> Frame.reset(topics.get(channel), after)),
                            Flux.fromIterable(replay.entries()).map(Frame::of));
                });
    }
}
