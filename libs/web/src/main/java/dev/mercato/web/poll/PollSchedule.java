package dev.mercato.web.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a poller next asks its store for due work. While polls find work it asks every {@code busy} interval; each
 * poll that finds none doubles the wait up to {@code idle}, so an idle service does not query several times a second
 * (the footprint budget of architecture.md). Work this process schedules itself (a retry, a row it just wrote) brings
 * the next poll forward with {@link #dueAt}; what only a poll can find — work left by a process that died, or written
 * by another instance — is found within the idle interval.
 *
 * <p>The poller ticks at the busy interval and asks {@link #takeIfDue()} first; ticks that are not due cost nothing.
 */
public final class PollSchedule {

    private static final Instant NOT_PLANNED = Instant.MAX;

    private final Duration busy;
    private final Duration idleMax;
    private final Clock clock;
    private final AtomicReference<Instant> next;
    private volatile Duration wait;

    public PollSchedule(Duration busy, Duration idle, Clock clock) {
        this.busy = busy;
        this.idleMax = idle.compareTo(busy) > 0 ? idle : busy;
        this.clock = clock;
        this.wait = busy;
        this.next = new AtomicReference<>(clock.instant());
    }

    /** Work becomes due at {@code when}: poll by then. */
    public void dueAt(Instant when) {
        next.accumulateAndGet(when, (planned, asked) -> asked.isBefore(planned) ? asked : planned);
    }

    /** Work is due now: the next tick polls. */
    public void dueNow() {
        dueAt(clock.instant());
    }

    /** True when a poll is due now; the plan is then taken, and {@link #polled} makes the next one. */
    public boolean takeIfDue() {
        Instant planned = next.get();
        return !clock.instant().isBefore(planned) && next.compareAndSet(planned, NOT_PLANNED);
    }

    /** Called once after every poll {@link #takeIfDue()} allowed, whatever it found or whether it failed. */
    public void polled(boolean foundWork) {
        Duration doubled = wait.multipliedBy(2);
        wait = foundWork ? busy : doubled.compareTo(idleMax) > 0 ? idleMax : doubled;
        dueAt(clock.instant().plus(wait));
    }
}
