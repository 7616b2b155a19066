package dev.mercato.web.capacity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.unit.DataSize;

/**
 * How many long-lived connections (event streams, WebSockets) a process holds at once, against a limit that follows
 * its heap: each such connection keeps its exchange, its operators and its buffers on the heap for as long as it
 * lives, so past some number the process spends its time collecting garbage or fails with {@code OutOfMemoryError}
 * and every client suffers. Past the limit a new connection is refused (503), the others go on.
 *
 * <p>Registers {@code <meterPrefix>.open}, {@code .limit} and {@code .refused}.
 */
public final class ConnectionLimit {

    private final AtomicInteger open = new AtomicInteger();
    private final int limit;
    private final Counter refused;

    public ConnectionLimit(int limit, MeterRegistry meters, String meterPrefix) {
        this.limit = limit;
        Gauge.builder(meterPrefix + ".open", open, AtomicInteger::get)
                .description("Long-lived connections held right now")
                .register(meters);
        Gauge.builder(meterPrefix + ".limit", () -> this.limit)
                .description("The most long-lived connections held at once")
                .register(meters);
        this.refused = Counter.builder(meterPrefix + ".refused")
                .description("Connections refused because the limit was reached")
                .register(meters);
    }

    /**
     * {@code max} when positive; else {@code heapShare} of {@code maxHeapBytes} at {@code perConnection} each, at
     * least one.
     */
    public static int fromHeap(int max, double heapShare, DataSize perConnection, long maxHeapBytes) {
        if (max > 0) {
            return max;
        }
        return (int) Math.max(1, (long) (maxHeapBytes * heapShare) / perConnection.toBytes());
    }

    /** Counts a new connection in, or says there is no room for it (and counts the refusal). */
    public boolean tryOpen() {
        if (open.incrementAndGet() <= limit) {
            return true;
        }
        open.decrementAndGet();
        refused.increment();
        return false;
    }

    /** Once for every {@link #tryOpen()} that said yes, when that connection ends. */
    public void closed() {
        open.decrementAndGet();
    }

    public int limit() {
        return limit;
    }
}
