package dev.mercato.jobs.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobTest {

    @Test
    void holdsTheLockForMostOfTheDelaySoAnInstanceWhoseTimerComesLaterSkips() {
        Job job = Job.named("reservation-expiry").every(Duration.ofSeconds(1)).runs(() -> "done");

        assertThat(job.lockAtLeastFor()).isEqualTo(Duration.ofMillis(800));
        assertThat(job.lockAtMostFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.schedule().describe()).isEqualTo("every 1s");
    }

    @Test
    void aDailyCronHoldsTheLockAtMostForLockAtMostFor() {
        Job job = Job.named("daily-report")
                .cron("0 0 3 * * *")
                .lockAtMostFor(Duration.ofMinutes(30))
                .runs(() -> "done");

        assertThat(job.lockAtLeastFor()).isEqualTo(Duration.ofMinutes(30));
        assertThat(job.schedule().describe()).isEqualTo("cron 0 0 3 * * * (UTC)");
        assertThat(job.schedule().period()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> Job.named("Has Spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Job.named("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Job.named("no-schedule").runs(() -> "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Job.named("bad-cron").cron("every day")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Job.named("at-least-above-at-most")
                        .every(Duration.ofMinutes(1))
                        .lockAtMostFor(Duration.ofSeconds(10))
                        .lockAtLeastFor(Duration.ofSeconds(20))
                        .runs(() -> ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesDurationsTheWayTheConfigurationDoes() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
    }
}
