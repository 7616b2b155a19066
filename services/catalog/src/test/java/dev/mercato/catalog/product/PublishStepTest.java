package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishStepTest {

    static final DelayLadder LADDER = new DelayLadder(Duration.ofMillis(125), 18);
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant DUE = NOW.plusSeconds(5);

    static Optional<PublishStep.Schedule> waitingFor(Instant at) {
        return Optional.of(new PublishStep.Schedule(false, at));
    }

    @Test
    void publishesWhenTheTimeHasCome() {
        assertThat(PublishStep.of(waitingFor(DUE), DUE, DUE, LADDER)).isInstanceOf(PublishStep.Publish.class);
        assertThat(PublishStep.of(waitingFor(DUE), DUE, DUE.plusSeconds(30), LADDER))
                .as("late, after an outage")
                .isInstanceOf(PublishStep.Publish.class);
    }

    @Test
    void waitsInTheNextRungWhenNotDueYet() {
        assertThat(PublishStep.of(waitingFor(DUE), DUE, NOW, LADDER))
                .isEqualTo(new PublishStep.Wait(Duration.ofSeconds(4)));
        assertThat(PublishStep.of(waitingFor(DUE), DUE, DUE.minusMillis(1), LADDER))
                .as("never early")
                .isEqualTo(new PublishStep.Wait(Duration.ofMillis(125)));
    }

    @Test
    void dropsTheMessageOfADeletedProduct() {
        assertThat(PublishStep.of(Optional.empty(), DUE, DUE, LADDER)).isInstanceOf(PublishStep.Stale.class);
    }

    @Test
    void dropsTheMessageOfAnAlreadyPublishedProduct() {
        assertThat(PublishStep.of(Optional.of(new PublishStep.Schedule(true, DUE)), DUE, DUE, LADDER))
                .isInstanceOf(PublishStep.Stale.class);
    }

    @Test
    void dropsTheMessageOfARescheduledProductEarlierOrLater() {
        assertThat(PublishStep.of(waitingFor(DUE.plusSeconds(60)), DUE, DUE, LADDER))
                .as("rescheduled later: not published at the old time")
                .isInstanceOf(PublishStep.Stale.class);
        assertThat(PublishStep.of(waitingFor(DUE.minusSeconds(3)), DUE, NOW, LADDER))
                .as("rescheduled earlier: the new message publishes, this one waits no longer")
                .isInstanceOf(PublishStep.Stale.class);
    }
}
