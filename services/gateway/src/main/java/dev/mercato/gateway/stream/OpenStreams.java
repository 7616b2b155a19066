package dev.mercato.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The streams the gateway proxies right now, against their limit. Past it a new stream is refused (503) instead of
 * admitted into a heap that cannot hold it: at 96 MB, ~900 open streams left the gateway collecting garbage for all
 * its time and every other request waiting (docs/benchmarks.md, 2026-12-07).
 */
@Component
public class OpenStreams {

    private static final Logger log = LoggerFactory.getLogger(OpenStreams.class);

    private final AtomicInteger open = new AtomicInteger();
    private final int limit;
    private final Counter refused;

    public OpenStreams(StreamProperties properties, MeterRegistry meters) {
        this.limit = properties.limit(Runtime.getRuntime().maxMemory());
        Gauge.builder("gateway.streams.open", open, AtomicInteger::get)
                .description("Long-lived responses (event streams, WebSockets) proxied right now")
                .register(meters);
        Gauge.builder("gateway.streams.limit", () -> limit)
                .description("The most long-lived responses proxied at once")
                .register(meters);
        this.refused = Counter.builder("gateway.streams.refused")
                .description("Streams refused because the gateway held its limit")
                .register(meters);
        log.info("Proxying at most {} streams at once", limit);
    }

    /** Counts a new stream in, or says there is no room for it (and counts the refusal). */
    boolean tryOpen() {
        if (open.incrementAndGet() <= limit) {
            return true;
        }
        open.decrementAndGet();
        refused.increment();
        return false;
    }

    void closed() {
        open.decrementAndGet();
    }

    int limit() {
        return limit;
    }
}
