package dev.mercato.pspsim.webhook;

import java.time.Duration;

/**
 * Exponential backoff with "equal jitter": the delay doubles per failed attempt up to a cap, and a random half of it
 * is dropped so receivers recovering from an outage are not hit by every retry at once.
 */
record Backoff(Duration initial, Duration max) {

    /** The delay after {@code failedAttempts} failures; {@code random} is uniform in [0, 1). */
    Duration after(int failedAttempts, double random) {
        long initialMillis = initial.toMillis();
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long base = initialMillis > (Long.MAX_VALUE >> doublings) ? max.toMillis() : initialMillis << doublings;
        base = Math.min(base, max.toMillis());
        return Duration.ofMillis(base / 2 + (long) (base / 2.0 * random));
    }
}
