package dev.mercato.gateway.guard;

import dev.mercato.gateway.edge.EventLoops;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One request under the {@link ResponseGuard}'s watch. Its timer runs on the event loop the request arrived on, so
 * arming it takes no lock and wakes no thread; it is never cancelled: a timer that finds the response under way, or
 * the request finished, does nothing. A finished request lets go of its exchange at once.
 */
final class Watch implements Runnable {

    private final long startedNanos;
    private final ToLongFunction<ServerWebExchange> deadlineNanos;
    private final ScheduledExecutorService loop;
    private final Sinks.Empty<Void> expiry = Sinks.empty();
    private volatile ServerWebExchange exchange;
    private volatile boolean expired;

    Watch(ServerWebExchange exchange, ToLongFunction<ServerWebExchange> deadlineNanos) {
        this.startedNanos = System.nanoTime();
        this.exchange = exchange;
        this.deadlineNanos = deadlineNanos;
        this.loop = EventLoops.of(exchange);
    }

    void checkAfter(Duration delay) {
        checkAfterNanos(delay.toNanos());
    }

    private void checkAfterNanos(long nanos) {
        if (loop != null) {
            loop.schedule(this, nanos, TimeUnit.NANOSECONDS);
        } else {
            Schedulers.parallel().schedule(this, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The timer: past the deadline with no response under way, the request expires; otherwise look again later. */
    @Override
    public void run() {
        ServerWebExchange current = exchange;
        if (current == null || current.getResponse().isCommitted()) {
            return;
        }
        long left = deadlineNanos.applyAsLong(current) - elapsedNanos();
        if (left > 0) {
            checkAfterNanos(left);
            return;
        }
        expired = true;
        expiry.tryEmitEmpty();
    }

    /** Completes when the request expires. */
    Mono<Void> expiry() {
        return expiry.asMono();
    }

    boolean expired() {
        return expired;
    }

    long elapsedNanos() {
        return System.nanoTime() - startedNanos;
    }

    void finished() {
        exchange = null;
    }
}
