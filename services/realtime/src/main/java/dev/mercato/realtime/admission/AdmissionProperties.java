package dev.mercato.realtime.admission;

import dev.mercato.web.capacity.ConnectionLimit;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How many connections (event streams, WebSockets) one instance holds at once.
 *
 * @param max the limit; 0 takes {@code heapShare} of the maximum heap at {@code perConnection} each
 * @param heapShare the part of the heap connections may hold when {@code max} is 0; the rest is the service's own
 *     (~40 MB live) and room for the collector
 * @param perConnection the heap one connection is reckoned to hold: an event stream 12.0-13.7 KB live, a WebSocket
 *     (still through WebFlux's filters) about 30 KB, as the 29.4 KB event streams did there (bench/realtime.sh,
 *     docs/benchmarks.md); 24 KB keeps a crowd of either inside the heap
 * @param retryAfter what a refused client is told to wait, so that a full instance is not hammered every second
 */
@ConfigurationProperties("realtime.connections")
record AdmissionProperties(
        @DefaultValue("0") int max,
        @DefaultValue("0.5") double heapShare,
        @DefaultValue("24KB") DataSize perConnection,
        @DefaultValue("5s") Duration retryAfter) {

    int limit(long maxHeapBytes) {
        return ConnectionLimit.fromHeap(max, heapShare, perConnection, maxHeapBytes);
    }
}
