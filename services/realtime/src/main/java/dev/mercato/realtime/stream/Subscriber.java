package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One connection's events, in id order, each at most once. Its queue is bounded: a client that does not read fills
 * it and is dropped at once ({@link #dropped()}), never slowing the thread that feeds everyone.
 *
 * <p>Resuming: the connection is subscribed to live events before its history is read; live events that arrive
 * meanwhile are held, and once the history is sent they follow, less those the history already had (every id not
 * above the last one sent is skipped). So nothing is missed between the history and the live stream, and nothing comes
 * twice.
 */
final class Subscriber {

    private final Set<String> channels;
    private final int capacity;
    private final Runnable onSlow;
    private final Sinks.Many<ServerSentEvent<String>> queue;
    private final Sinks.Empty<Void> dropped = Sinks.empty();
    private @Nullable List<Frame> held;
    private StreamId lastSent;
    private boolean closed;

    /** @param resumeAfter the client's last event id, or null for live events only */
    Subscriber(Set<String> channels, int capacity, @Nullable StreamId resumeAfter, Runnable onSlow) {
        this.channels = Set.copyOf(channels);
        this.capacity = capacity;
        this.onSlow = onSlow;
        this.queue = Sinks.many()
                .unicast()
                .onBackpressureBuffer(
                        Queues.<ServerSentEvent<String>>get(capacity).get());
        this.held = resumeAfter == null ? null : new ArrayList<>();
        this.lastSent = resumeAfter == null ? StreamId.ZERO : resumeAfter;
    }

    Set<String> channels() {
        return channels;
    }

    Flux<ServerSentEvent<String>> events() {
        return queue.asFlux();
    }

    /** Errors when the client is dropped; merged into the response, it ends the connection at once. */
    Flux<ServerSentEvent<String>> dropped() {
        return dropped.asMono().thenMany(Flux.empty());
    }

    synchronized void live(Frame frame) {
        if (held == null) {
            send(frame);
        } else if (held.size() < capacity) {
            held.add(frame);
        } else {
            slow();
        }
    }

    /** The history is read: {@code resets} first, then the history, then what arrived live meanwhile. */
    synchronized void resumed(List<ServerSentEvent<String>> resets, List<Frame> history) {
        resets.forEach(this::emit);
        history.forEach(this::send);
        List<Frame> arrived = held == null ? List.of() : held;
        held = null;
        arrived.forEach(this::send);
    }

    synchronized void heartbeat() {
        emit(Frame.HEARTBEAT);
    }

    /** The history could not be read: the client reconnects and tries again. */
    synchronized void fail(Throwable failure) {
        closed = true;
        dropped.tryEmitError(failure);
    }

    private void send(Frame frame) {
        if (frame.id().isAfter(lastSent)) {
            lastSent = frame.id();
            emit(frame.event());
        }
    }

    private void emit(ServerSentEvent<String> event) {
        if (closed) {
            return;
        }
        Sinks.EmitResult result = queue.tryEmitNext(event);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            slow();
        } else if (result.isFailure()) {
            closed = true; // the client has gone; the connection's end removes it
        }
    }

    private void slow() {
        if (!closed) {
            closed = true;
            onSlow.run();
            dropped.tryEmitError(new SlowClientException(capacity));
        }
    }

    /** The client left {@code capacity} events unread. */
    static final class SlowClientException extends RuntimeException {
        SlowClientException(int capacity) {
            super("client dropped: " + capacity + " events waiting unread", null, false, false);
        }
    }
}
