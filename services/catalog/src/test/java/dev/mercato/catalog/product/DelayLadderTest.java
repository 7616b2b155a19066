package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayLadderTest {

    final DelayLadder ladder = new DelayLadder(Duration.ofMillis(125), 18);

    @Test
    void rungsDoubleFromTheFinestDelay() {
        assertThat(ladder.delays())
                .hasSize(18)
                .startsWith(
                        Duration.ofMillis(125), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
                .endsWith(Duration.ofSeconds(16_384));
    }

    @Test
    void waitsInTheLongestRungThatDoesNotPassTheDueTime() {
        assertThat(ladder.rungFor(Duration.ofMillis(5_000))).isEqualTo(Duration.ofSeconds(4));
        assertThat(ladder.rungFor(Duration.ofMillis(3_999))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ladder.rungFor(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(4));
        assertThat(ladder.rungFor(Duration.ofMillis(130))).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void waitsOneFinestDelayWhenLessThanThatRemains() {
        assertThat(ladder.rungFor(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(125));
        assertThat(ladder.rungFor(Duration.ofMillis(124))).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void waitsInTheTopRungAgainAndAgainForSchedulesBeyondIt() {
        assertThat(ladder.rungFor(Duration.ofDays(30))).isEqualTo(Duration.ofSeconds(16_384));
    }

    @Test
    void aGreedyWalkReachesTheDueTimeWithinOneFinestDelayAndAtMostOnePassPerRung() {
        for (long millis : new long[] {1, 124, 125, 999, 5_000, 5_001, 61_234, 3_600_000, 16_383_999}) {
            Duration remaining = Duration.ofMillis(millis);
            Duration waited = Duration.ZERO;
            int passes = 0;
            while (waited.compareTo(remaining) < 0) {
                waited = waited.plus(ladder.rungFor(remaining.minus(waited)));
                passes++;
            }
            assertThat(waited).as("waited for %s", remaining).isLessThan(remaining.plus(ladder.finest()));
            assertThat(passes).as("passes for %s", remaining).isLessThanOrEqualTo(ladder.rungs());
        }
    }

    @Test
    void namesEachQueueAfterItsDelay() {
        assertThat(DelayLadder.queue("catalog.product-publishing", Duration.ofMillis(125)))
                .isEqualTo("catalog.product-publishing.delay.125ms");
        assertThat(DelayLadder.queue("catalog.product-publishing", Duration.ofSeconds(16_384)))
                .isEqualTo("catalog.product-publishing.delay.16384s");
    }

    @Test
    void refusesToWaitForNothing() {
        assertThatThrownBy(() -> ladder.rungFor(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DelayLadder(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
