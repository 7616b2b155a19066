package dev.mercato.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How many long-lived responses (event streams, WebSockets) the gateway proxies at once. Each holds its client and
 * upstream connections, the exchange and its filter chain, and the spans around it until it ends: about 52 KB of heap
 * measured (docs/footprint.md), so the limit follows the heap rather than a number picked once.
 *
 * @param max the limit; 0 takes {@code heapShare} of the maximum heap at {@code perStream} each
 * @param heapShare the part of the heap streams may hold when {@code max} is 0
 * @param perStream the heap one proxied stream is reckoned to hold
 * @param retryAfter what a refused client is told to wait: long enough that a full gateway is not hammered by every
 *     refused client once a second
 */
@ConfigurationProperties("gateway.streams")
public record StreamProperties(
        @DefaultValue("0") int max,
        @DefaultValue("0.25") double heapShare,
        @DefaultValue("64KB") DataSize perStream,
        @DefaultValue("5s") Duration retryAfter) {

    /** The limit for a JVM whose heap may grow to {@code maxHeapBytes}. */
    int limit(long maxHeapBytes) {
        if (max > 0) {
            return max;
        }
        return (int) Math.max(1, (long) (maxHeapBytes * heapShare) / perStream.toBytes());
    }
}
