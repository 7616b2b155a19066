package dev.mercato.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), 2.0, Duration.ofMillis(500), 0.2);

    @Test
    void delayGrowsExponentiallyUpToTheCap() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void levelsCappedAtTheSameDelayShareOneDelayQueue() {
        assertThat(policy.distinctDelays())
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void jitterStaysWithinTheLevelsBand() {
        RandomGenerator random = new SplittableRandom(42);
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long expiration = policy.expirationMillis(3, random);
            lowest = Math.min(lowest, expiration);
            highest = Math.max(highest, expiration);
        }
        assertThat(lowest).isGreaterThanOrEqualTo(320).isLessThan(330);
        assertThat(highest).isLessThanOrEqualTo(400).isGreaterThan(390);
    }

    @Test
    void noJitterMeansExactlyTheDelay() {
        var exact = new RetryPolicy(3, Duration.ofSeconds(1), 3.0, Duration.ofMinutes(1), 0.0);

        assertThat(exact.expirationMillis(2, new SplittableRandom())).isEqualTo(3000);
    }

    @Test
    void theLastAttemptIsExhausted() {
        assertThat(policy.exhaustedAfter(5)).isFalse();
        assertThat(policy.exhaustedAfter(6)).isTrue();
        assertThat(new RetryPolicy(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 0).distinctDelays())
                .isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
