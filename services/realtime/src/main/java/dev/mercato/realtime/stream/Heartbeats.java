package dev.mercato.realtime.stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One timer for all connections rather than one per connection: every {@code heartbeat} each connection gets a
 * comment line (so at least one every {@code heartbeat}, the first event being sent on connect).
 */
@Component
class Heartbeats implements SmartLifecycle {

    private final LocalSubscribers subscribers;
    private final StreamProperties properties;
    private volatile Disposable timer;

    Heartbeats(LocalSubscribers subscribers, StreamProperties properties) {
        this.subscribers = subscribers;
        this.properties = properties;
    }

    @Override
    public void start() {
        timer = Flux.interval(properties.heartbeat(), properties.heartbeat())
                .onBackpressureDrop()
                .subscribe(tick -> subscribers.heartbeat());
    }

    @Override
    public void stop() {
        Disposable current = timer;
        if (current != null) {
            current.dispose();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
