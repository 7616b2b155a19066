package dev.mercato.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the measured (not warm-up) virtual users of the checkout simulation saw, kept outside Gatling's report
 * because a checkout is several requests and a saga is a wait: outcome counts, the checkout request's response
 * time (as Gatling measured it), the client-side saga completion (202 received to the first terminal status
 * read) and the ids of the orders placed, for the server-side numbers.
 */
final class CheckoutStats {

    final LongAdder iterations = new LongAdder();
    final LongAdder noShopper = new LongAdder();
    final LongAdder dirtyCarts = new LongAdder();
    final LongAdder cartFailed = new LongAdder();
    final LongAdder checkoutFailed = new LongAdder();
    /** Refused at admission past capacity: 429/503 with Retry-After (not failures, issue 14). */
    final LongAdder cartRefused = new LongAdder();

    final LongAdder checkoutRefused = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder polls = new LongAdder();
    /** Orders followed on the real-time stream (follow=stream) rather than by polling. */
    final LongAdder streamed = new LongAdder();
    /** Streams that did not open within 5 s or ended before the order's final event. */
    final LongAdder streamFailed = new LongAdder();

    private final Queue<Long> addToCartMs = new ConcurrentLinkedQueue<>();
    private final Queue<Long> checkoutMs = new ConcurrentLinkedQueue<>();
    private final Queue<Long> sagaMicros = new ConcurrentLinkedQueue<>();
    private final Queue<String> orderIds = new ConcurrentLinkedQueue<>();

    /** Wall-clock span of the measured users: first start to last end. */
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);

    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    void started() {
        firstStart.accumulateAndGet(System.currentTimeMillis(), Math::min);
    }

    void ended() {
        lastEnd.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    void addedToCart(long responseMs) {
        addToCartMs.add(responseMs);
    }

    void accepted(String orderId, long responseMs) {
        orderIds.add(orderId);
        checkoutMs.add(responseMs);
    }

    void terminal(boolean isConfirmed, long sagaNanos) {
        (isConfirmed ? confirmed : cancelled).increment();
        sagaMicros.add(sagaNanos / 1_000);
    }

    double windowSeconds() {
        return lastEnd.get() > firstStart.get() ? (lastEnd.get() - firstStart.get()) / 1000.0 : 0;
    }

    void writeOrderIds(Path file) {
        write(file, String.join("\n", orderIds) + (orderIds.isEmpty() ? "" : "\n"));
    }

    void writeResult(Path file, double rate, int pollMs, int shoppers) {
        double window = windowSeconds();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rate", rate);
        result.put("poll_ms", pollMs);
        result.put("shoppers", shoppers);
        result.put("window_s", window);
        result.put("window_start_ms", firstStart.get());
        result.put("window_end_ms", lastEnd.get());
        result.put("iterations", iterations.sum());
        result.put("orders", (long) orderIds.size());
        result.put("confirmed", confirmed.sum());
        result.put("cancelled", cancelled.sum());
        result.put("timed_out", timedOut.sum());
        result.put("no_shopper", noShopper.sum());
        result.put("cart_failed", cartFailed.sum());
        result.put("checkout_failed", checkoutFailed.sum());
        result.put("cart_refused", cartRefused.sum());
        result.put("checkout_refused", checkoutRefused.sum());
        result.put("dirty_carts", dirtyCarts.sum());
        result.put("polls", polls.sum());
        result.put("streamed", streamed.sum());
        result.put("stream_failed", streamFailed.sum());
        result.put("completed_per_s", window > 0 ? confirmed.sum() / window : 0.0);
        result.put("add_to_cart_ms", quantiles(addToCartMs, 1));
        result.put("checkout_ms", quantiles(checkoutMs, 1));
        result.put("saga_ms", quantiles(sagaMicros, 1_000));
        try {
            write(file, BenchHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nearest-rank quantiles, in ms ({@code values} divided by {@code perMs}). */
    private static Map<String, Object> quantiles(Queue<Long> values, double perMs) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("count", sorted.length);
        if (sorted.length == 0) {
            return q;
        }
        for (double p : List.of(50.0, 95.0, 99.0)) {
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            q.put("p" + (int) p, sorted[Math.max(0, rank - 1)] / perMs);
        }
        q.put("max", sorted[sorted.length - 1] / perMs);
        q.put("mean", Arrays.stream(sorted).average().orElse(0) / perMs);
        return q;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
