package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.StreamId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
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
    private final EventLog history;
    private final StreamProperties properties;
    private final Counter resets;

    Connections(LocalSubscribers subscribers, EventLog history, StreamProperties properties, MeterRegistry meters) {
        this.subscribers = subscribers;
        this.history = history;
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
            subscribers.add(subscriber);
            if (resumeAfter != null) {
                resume(subscriber, topics, resumeAfter);
            }
            return Flux.concat(Mono.just(Frame.opening(properties.retry())), subscriber.events())
                    .mergeWith(subscriber.dropped())
                    .doFinally(signal -> subscribers.remove(subscriber));
        });
    }

    /** The history read is a blocking Redis call: off the event loop. */
    private void resume(Subscriber subscriber, Map<String, Topic> topics, StreamId after) {
        Mono.fromCallable(() -> history.replay(topics.keySet(), after))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(
                        replay -> {
                            List<ServerSentEvent<String>> topicResets = replay.incomplete().stream()
                                    .map(channel -> Frame.reset(topics.get(channel), after))
                                    .toList();
                            resets.increment(topicResets.size());
                            subscriber.resumed(
                                    topicResets,
                                    replay.entries().stream().map(Frame::of).toList());
                        },
                        subscriber::fail);
    }
}
