package dev.mercato.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with bounded jitter for a consumer's retries. Attempt 1 is the first delivery; after attempt
 * {@code n} fails (n &lt; maxAttempts) the message waits {@link #delayAfter(int)} in a delay queue, then comes back.
 *
 * @param maxAttempts deliveries before the message is parked in the dead-letter queue
 * @param initialDelay delay after the first failure
 * @param multiplier growth of the delay per further failure
 * @param maxDelay cap of the delay
 * @param jitter fraction (0..1) by which a message's delay is randomly shortened, so retries of many messages that
 *     failed together do not come back together
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.toMillis() < 1 || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "Need 1 ms <= initialDelay <= maxDelay, was " + initialDelay + " and " + maxDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
    }

    /** Whether a message whose delivery number {@code attempt} failed goes to the dead-letter queue. */
    public boolean exhaustedAfter(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The delay queue's TTL after delivery number {@code failedAttempt} failed (1-based). */
    public Duration delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + failedAttempt);
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, failedAttempt - 1);
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * The per-message expiration within the level's delay: uniformly in {@code [delay * (1 - jitter), delay]}.
     *
     * <p>RabbitMQ expires messages only at the head of a queue, so a message with a longer TTL holds back shorter
     * ones queued behind it. Keeping each level's expirations within a narrow band below the queue TTL bounds that
     * head-of-line delay to {@code jitter * delay}, and the queue TTL caps every message at the level's delay.
     */
    public long expirationMillis(int failedAttempt, RandomGenerator random) {
        long delay = delayAfter(failedAttempt).toMillis();
        long lowest = (long) Math.floor(delay * (1.0 - jitter));
        return lowest >= delay ? delay : random.nextLong(lowest, delay + 1);
    }

    /** The distinct delays of all retry levels, each one delay queue. */
    public List<Duration> distinctDelays() {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            Duration delay = delayAfter(attempt);
            if (!delays.contains(delay)) {
                delays.add(delay);
            }
        }
        return delays;
    }
}
