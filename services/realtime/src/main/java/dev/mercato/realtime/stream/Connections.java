package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.StreamId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Opens one connection's event stream: subscribed live, then resumed from the history when the client asks. */
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

    /** @param topics by channel; @param resumeAfter the client's {@code Last-Event-ID}, or null */
    Flux<ServerSentEvent<String>> open(Map<String, Topic> topics, @Nullable StreamId resumeAfter) {
        return Flux.defer(() -> {
            Subscriber subscriber =
                    new Subscriber(topics.keySet(), properties.buffer(), resumeAfter, subscribers.slowDropCounter());
            // live first, so nothing written while the history is read is missed
            subscribers.add(subscriber);
            return Flux.concat(
                            Mono.just(Frame.opening(properties.retry())),
                            subscriber.events(after -> history(topics, after)))
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
