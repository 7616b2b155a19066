package dev.mercato.web.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final PollSchedule schedule = new PollSchedule(Duration.ofMillis(250), Duration.ofSeconds(2), clock);

    @Test
    void pollsAtOnceThenBacksOffWhileNothingIsFound() {
        List<Long> waits = new ArrayList<>();
        long last = clock.millis();
        for (int polls = 0; polls < 7; ) {
            if (schedule.takeIfDue()) {
                waits.add(clock.millis() - last);
                last = clock.millis();
                schedule.polled(false);
                polls++;
            }
            clock.advance(Duration.ofMillis(250)); // the poller's tick
        }

        assertThat(waits).containsExactly(0L, 500L, 1000L, 2000L, 2000L, 2000L, 2000L);
    }

    @Test
    void pollsAtTheBusyIntervalWhileWorkIsFound() {
        assertThat(schedule.takeIfDue()).isTrue();
        schedule.polled(false);
        assertThat(schedule.takeIfDue()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(schedule.takeIfDue()).isTrue();

        schedule.polled(true);

        clock.advance(Duration.ofMillis(249));
        assertThat(schedule.takeIfDue()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(schedule.takeIfDue()).isTrue();
    }

    @Test
    void workScheduledHereBringsTheNextPollForward() {
        assertThat(schedule.takeIfDue()).isTrue();
        schedule.polled(false);
        schedule.dueAt(clock.instant().plusMillis(100));

        clock.advance(Duration.ofMillis(100));

        assertThat(schedule.takeIfDue()).isTrue();
    }

    @Test
    void workScheduledDuringAPollIsNotLostWhenThePollEnds() {
        assertThat(schedule.takeIfDue()).isTrue();
        schedule.dueNow(); // another thread, while the poll runs

        schedule.polled(false);

        assertThat(schedule.takeIfDue()).isTrue();
    }

    @Test
    void aDuePollIsTakenOnce() {
        assertThat(schedule.takeIfDue()).isTrue();
        assertThat(schedule.takeIfDue()).isFalse();
    }
}
