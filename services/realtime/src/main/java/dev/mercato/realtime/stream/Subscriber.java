package dev.mercato.realtime.stream;

import dev.mercato.realtime.history.StreamId;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One connection's events, in id order, each at most once. Live events wait in a bounded queue: a client that does not
 * read fills it and is dropped at once ({@link #dropped()}), never slowing the thread that feeds everyone.
 *
 * <p>Resuming: the connection is subscribed to live events before its history is read. The history is sent first, at
 * the client's pace; live events that arrive meanwhile wait in the queue and follow, less those the history already had
 * (an event whose id is not above the last one sent is skipped). So nothing is missed between the history and the live
 * stream, and nothing comes twice. When more live events arrive during the history than the queue holds, the client
 * is not slow — it is still being sent its history: the queue is emptied and the history read again from the last
 * event sent (every live event is in the history before it is delivered), until it catches up with the live stream —
 * within {@link #MAX_OVERFLOWS} queues' worth of discarded live events, or the client is dropped as slow.
 */
final class Subscriber {

    private static final int MAX_OVERFLOWS = 8;

    private final Set<String> channels;
    private final int capacity;
    private final Runnable onSlow;
    private final Queue<Frame> waiting;
    private final Sinks.Many<Frame> queue;
    private final Sinks.Empty<Void> dropped = Sinks.empty();
    private final boolean resumes;
    private boolean closed;
    /** Until the live queue is read: its overflow means "read the history again", not "slow client". */
    private boolean sendingHistory = true;
    /** Live events were discarded while the history was sent; guarded by this, like the two flags above. */
    private boolean missedLive;
    /**
     * Queues' worth of live events discarded while the history was sent, over every pass: past {@link #MAX_OVERFLOWS}
     * the client does not read its history, or reads it slower than the channel writes and would never reach the live
     * stream, and is dropped as slow like any other.
     */
    private int overflowsWhileCatchingUp;
    /** Only read and written by the connection's own sequence of signals ({@link #events}). */
    private StreamId lastSent;

    /** @param resumeAfter the client's last event id, or null for live events only */
    Subscriber(Set<String> channels, int capacity, @Nullable StreamId resumeAfter, Runnable onSlow) {
        this.channels = Set.copyOf(channels);
        this.capacity = capacity;
        this.onSlow = onSlow;
        this.waiting = new BoundedQueue<>(capacity);
        this.queue = Sinks.many().unicast().onBackpressureBuffer(waiting);
        this.resumes = resumeAfter != null;
        this.lastSent = resumeAfter == null ? StreamId.ZERO : resumeAfter;
    }

    Set<String> channels() {
        return channels;
    }

    /**
     * The history after the client's last event id (resets, then the events missed), then the live events; subscribe
     * once. {@code history} reads the events after an id; a connection that does not resume reads none.
     */
    Flux<Frame> events(Function<StreamId, Flux<Frame>> history) {
        Flux<Frame> missed = resumes ? history.apply(lastSent) : Flux.empty();
        return Flux.concat(missed, live(history)).filter(this::notSentYet);
    }

    /** The live queue, or first the history again when live events were discarded while it was sent. */
    private Flux<Frame> live(Function<StreamId, Flux<Frame>> history) {
        return Flux.defer(() -> {
            synchronized (this) {
                if (!missedLive) {
                    sendingHistory = false;
                    return queue.asFlux();
                }
                missedLive = false;
            }
            return Flux.concat(history.apply(lastSent), live(history));
        });
    }

    /** Errors when the client is dropped; merged into the response, it ends the connection at once. */
    Flux<Frame> dropped() {
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
        boolean full = result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER;
        if (full && resumes && sendingHistory && (frame.id() == null || ++overflowsWhileCatchingUp <= MAX_OVERFLOWS)) {
            if (frame.id() != null) {
                // Nobody reads the queue yet (no consumer but this lock's holder): empty it, read the history again.
                waiting.clear();
                missedLive = true;
            }
            return; // a heartbeat is not needed while the history is sent
        }
        // a full queue that nobody reads yet (the history still being sent) answers FAIL_ZERO_SUBSCRIBER
        if (full) {
            closed = true;
            onSlow.run();
            dropped.tryEmitError(new SlowClientException(capacity));
        } else if (result.isFailure()) {
            closed = true; // the client has gone; the connection's end removes it
        }
    }

    /** Why a connection was ended on purpose: an outcome the service chose, not a failure. */
    abstract static sealed class DroppedException extends RuntimeException
            permits MissedEventsException, SlowClientException {
        DroppedException(String message) {
            super(message, null, false, false);
        }
    }

    /** This instance missed events the client follows: it resumes from its last event id on reconnecting. */
    static final class MissedEventsException extends DroppedException {
        MissedEventsException() {
            super("client dropped: the backplane missed trimmed events; resume with Last-Event-ID");
        }
    }

    /** The client left {@code capacity} events unread. */
    static final class SlowClientException extends DroppedException {
        SlowClientException(int capacity) {
            super("client dropped: " + capacity + " events waiting unread");
        }
    }
}
