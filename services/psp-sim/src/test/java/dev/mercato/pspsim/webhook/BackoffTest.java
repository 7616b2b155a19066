package dev.mercato.pspsim.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesPerFailedAttemptWithJitterInTheUpperHalf() {
        assertThat(backoff.after(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(1, 0.999)).isBetween(Duration.ofMillis(990), Duration.ofMillis(1000));
        assertThat(backoff.after(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void neverExceedsTheCap() {
        assertThat(backoff.after(7, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(1_000, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(1_000, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }
}
