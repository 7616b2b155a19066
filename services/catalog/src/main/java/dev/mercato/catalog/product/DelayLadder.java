package dev.mercato.catalog.product;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The delay queues a scheduled product waits in: rung {@code k} holds every message for {@code finest * 2^k}. Each
 * queue has one fixed TTL, so its messages expire in the order they arrived and a far-off schedule never holds up a
 * near one (a single queue with per-message TTLs only expires its head). A wait is taken greedily, the largest rung
 * that fits first, so it needs at most one pass per rung, plus one pass of the top rung per top-rung length beyond.
 *
 * @param finest the bottom rung: the most a product can be published late by the ladder itself
 * @param rungs how many rungs, the top one lasting {@code finest * 2^(rungs-1)}
 */
public record DelayLadder(Duration finest, int rungs) {

    public DelayLadder {
        if (finest.toMillis() < 1 || rungs < 1 || rungs > 40) {
            throw new IllegalArgumentException("need a finest delay of at least 1 ms and 1 to 40 rungs");
        }
    }

    /** Every rung's delay, shortest first. */
    public List<Duration> delays() {
        List<Duration> delays = new ArrayList<>(rungs);
        for (int k = 0; k < rungs; k++) {
            delays.add(finest.multipliedBy(1L << k));
        }
        return delays;
    }

    /**
     * The rung to wait in next: the longest one not beyond the remaining time, or the finest when even that is beyond
     * it (the product is then published up to one finest delay late, never early).
     *
     * @param remaining how long until the product is due; must be positive
     */
    public Duration rungFor(Duration remaining) {
        if (remaining.isNegative() || remaining.isZero()) {
            throw new IllegalArgumentException("nothing to wait for: " + remaining);
        }
        Duration chosen = finest;
        for (Duration delay : delays()) {
            if (delay.compareTo(remaining) > 0) {
                break;
            }
            chosen = delay;
        }
        return chosen;
    }

    /** The queue of one rung: {@code <work queue>.delay.<delay>} ({@code catalog.product-publishing.delay.2s}). */
    public static String queue(String workQueue, Duration delay) {
        return workQueue + ".delay." + format(delay);
    }

    static String format(Duration delay) {
        long millis = delay.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
