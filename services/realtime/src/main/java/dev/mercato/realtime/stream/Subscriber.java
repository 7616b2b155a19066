package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.StreamId;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One connection's events, in id order, each at most once. Live events wait in a bounded queue: a client that does not
 * read fills it and is dropped at once ({@link #dropped()}), never slowing the thread that feeds everyone.
 *
 * <p>Resuming: the connection is subscribed to live events before its history is read. The history is sent first, at
 * the client's pace; live events that arrive meanwhile wait in the queue and follow, less those the history already had
 * (an event whose id is not above the last one sent is skipped). So nothing is missed between the history and the live
 * stream, and nothing comes twice.
 */
final class Subscriber {

    private final Set<String> channels;
    private final int capacity;
    private final Runnable onSlow;
    private final Sinks.Many<Frame> queue;
    private final Sinks.Empty<Void> dropped = Sinks.empty();
    private boolean closed;
    /** Only read and written by the connection's own sequence of signals ({@link #events}). */
    private StreamId lastSent;

    /** @param resumeAfter the client's last event id, or null for live events only */
    Subscriber(Set<String> channels, int capacity, @Nullable StreamId resumeAfter, Runnable onSlow) {
        this.channels = Set.copyOf(channels);
        this.capacity = capacity;
        this.onSlow = onSlow;
        this.queue = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<Frame>get(capacity).get());
        this.lastSent = resumeAfter == null ? StreamId.ZERO : resumeAfter;
    }

    Set<String> channels() {
        return channels;
    }

    /** {@code history} (resets, then the events missed), then the live events; subscribe once. */
    Flux<ServerSentEvent<String>> events(Flux<Frame> history) {
        return Flux.concat(history, queue.asFlux()).filter(this::notSentYet).map(Frame::event);
    }

    /** Errors when the client is dropped; merged into the response, it ends the connection at once. */
    Flux<ServerSentEvent<String>> dropped() {
        return dropped.asMono().thenMany(Flux.empty());
    }

    void live(Frame frame) {
        emit(frame);
    }

    void heartbeat() {
        emit(Frame.HEARTBEAT);
    }

    private boolean notSentYet(Frame frame) {
        if (frame.id() == null) {
            return true;
        }
        if (!frame.id().isAfter(lastSent)) {
            return false;
        }
        lastSent = frame.id();
        return true;
    }

    /** Ends the connection at once, whatever waits in its queue. */
    synchronized void end(RuntimeException why) {
        if (!closed) {
            closed = true;
            dropped.tryEmitError(why);
        }
    }

    /** Serialized: the backplane and the heartbeat timer emit from their own threads. */
    private synchronized void emit(Frame frame) {
        if (closed) {
            return;
        }
        Sinks.EmitResult result = queue.tryEmitNext(frame);
        // a full queue that nobody reads yet (the history still being sent) answers FAIL_ZERO_SUBSCRIBER
        if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            closed = true;
            onSlow.run();
            dropped.tryEmitError(new SlowClientException(capacity));
        } else if (result.isFailure()) {
            closed = true; // the client has gone; the connection's end removes it
        }
    }

    /** This instance missed events the client follows: it resumes from its last event id on reconnecting. */
    static final class MissedEventsException extends RuntimeException {
        MissedEventsException() {
            super("client dropped: the backplane missed trimmed events; resume with Last-Event-ID", null, false, false);
        }
    }

    /** The client left {@code capacity} events unread. */
    static final class SlowClientException extends RuntimeException {
        SlowClientException(int capacity) {
            super("client dropped: " + capacity + " events waiting unread", null, false, false);
        }
    }
}
