package dev.mercato.realtime.admission;

import dev.mercato.web.capacity.ConnectionLimit;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Admits a new connection only while the instance has room for it ({@code realtime.connections.*}): past the limit
 * it is answered 503 with {@code Retry-After} before any work is done for it (no token check, no subscription), and
 * the connections already held go on. Without it a crowd of 1,000 connections filled the 96 MB heap and the instance
 * failed every client with {@code OutOfMemoryError} (docs/benchmarks.md, 2026-12-07). A place is held from
 * {@link #tryOpen()} until {@link #closed()}: the response's end or the client's leaving.
 */
@Component
public class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final ConnectionLimit connections;
    private final AdmissionProperties properties;

    Admission(AdmissionProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.connections =
                new ConnectionLimit(properties.limit(Runtime.getRuntime().maxMemory()), meters, "realtime.admission");
        log.info("Holding at most {} connections at once", connections.limit());
    }

    /** Takes a place, or refuses; a taken place is given back with {@link #closed()}, once. */
    public boolean tryOpen() {
        return connections.tryOpen();
    }

    public void closed() {
        connections.closed();
    }

    /** What a refused client is told. */
    public String refusal() {
        return "This instance holds as many connections as it can (" + connections.limit() + "); retry later";
    }

    /** How long a refused client should wait, so that a full instance is not hammered every second. */
    public Duration retryAfter() {
        return properties.retryAfter();
    }
}
