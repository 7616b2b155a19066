package dev.mercato.ordering.domain;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: {@code initial * multiplier^(attempt-1)}, capped, spread by ± jitter. */
public record Backoff(Duration initial, double multiplier, Duration max, double jitter, DoubleSupplier random) {

    public Duration delay(int attempt) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, max.toMillis());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
    }
}
