package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final LocalRateLimiter limiter = new LocalRateLimiter();

    @Test
    void tokenBucketAllowsABurstThenTheAverageRate() {
        Tier tier = new Tier("t", Algorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 5, List.of());
        long now = 1_000_000;

        for (int i = 0; i < 5; i++) {
            assertThat(decide(tier, "k", now).allowed())
                    .as("burst request %d", i)
                    .isTrue();
        }
        Decision refused = decide(tier, "k", now);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isEqualTo(100);

        assertThat(decide(tier, "k", now + 100).allowed())
                .as("one token refilled after 100 ms")
                .isTrue();
        assertThat(decide(tier, "k", now + 100).allowed()).isFalse();
    }

    @Test
    void tokenBucketReportsRemainingTokens() {
        Tier tier = new Tier("t", Algorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 3, List.of());

        assertThat(decide(tier, "k", 0).tightest().remaining()).isEqualTo(2);
        assertThat(decide(tier, "k", 0).tightest().remaining()).isEqualTo(1);
        assertThat(decide(tier, "k", 0).tightest().remaining()).isZero();
    }

    @Test
    void slidingWindowHoldsTheLimitAcrossTheWindowEdge() {
        Tier tier = new Tier("w", Algorithm.SLIDING_WINDOW, 10, Duration.ofSeconds(10), null, List.of());
        long windowStart = 100_000;

        for (int i = 0; i < 10; i++) {
            assertThat(decide(tier, "k", windowStart + 9_000).allowed()).isTrue();
        }
        // a fixed window would allow 10 more right after the edge; the sliding estimate still counts ~9 of them
        assertThat(decide(tier, "k", windowStart + 10_500).allowed()).isFalse();
        Decision later = decide(tier, "k", windowStart + 19_500);
        assertThat(later.allowed())
                .as("almost all of the previous window has slid out")
                .isTrue();
    }

    @Test
    void slidingWindowTellsHowLongToWait() {
        Tier tier = new Tier("w", Algorithm.SLIDING_WINDOW, 2, Duration.ofSeconds(10), null, List.of());
        decide(tier, "k", 0);
        decide(tier, "k", 0);

        Decision refused = decide(tier, "k", 1_000);

        assertThat(refused.allowed()).isFalse();
        long wait = refused.retryAfterMillis();
        assertThat(decide(tier, "k", 1_000 + wait - 1).allowed())
                .as("one ms early")
                .isFalse();
        assertThat(decide(tier, "k", 1_000 + wait).allowed()).as("on time").isTrue();
    }

    @Test
    void refusesAcrossAllTiersWithoutSpendingTheOthers() {
        Tier roomy = new Tier("roomy", Algorithm.TOKEN_BUCKET, 100, Duration.ofSeconds(1), 100, List.of());
        Tier tight = new Tier("tight", Algorithm.TOKEN_BUCKET, 1, Duration.ofMinutes(1), 1, List.of());
        List<Tier> tiers = List.of(roomy, tight);

        assertThat(limiter.decide(tiers, List.of("a", "b"), 0).allowed()).isTrue();
        Decision refused = limiter.decide(tiers, List.of("a", "b"), 0);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.tiers().getFirst().allowed()).isTrue();
        assertThat(refused.tiers().getFirst().remaining())
                .as("the refused request took nothing from the roomy tier")
                .isEqualTo(99);
    }

    @Test
    void keepsCallersApart() {
        Tier tier = new Tier("t", Algorithm.TOKEN_BUCKET, 1, Duration.ofMinutes(1), 1, List.of());

        assertThat(decide(tier, "alice", 0).allowed()).isTrue();
        assertThat(decide(tier, "alice", 0).allowed()).isFalse();
        assertThat(decide(tier, "bob", 0).allowed()).isTrue();
    }

    @Test
    void sharesScaleLimitsButNeverToZero() {
        Tier tier = new Tier("t", Algorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 4, List.of());

        assertThat(tier.share(0.5).limit()).isEqualTo(5);
        assertThat(tier.share(0.5).burst()).isEqualTo(2);
        assertThat(tier.share(0.01).limit()).isEqualTo(1);
    }

    private Decision decide(Tier tier, String key, long now) {
        return limiter.decide(List.of(tier), List.of(key), now);
    }
}
