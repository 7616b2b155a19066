package dev.mercato.jobs.job;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/** When a job runs: a fixed pause after each run, or a cron expression in a time zone. */
public sealed interface Schedule {

    /** How the schedule reads in listings: {@code every 1s}, {@code cron 0 0 3 * * * (UTC)}. */
    String describe();

    /** The shortest time between two runs this schedule asks for (for a cron, the gap after its next firing). */
    Duration period();

    /** @param initialDelay the wait before the first run after start */
    record FixedDelay(Duration delay, Duration initialDelay) implements Schedule {

        public FixedDelay {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("a fixed delay must be positive, was " + delay);
            }
            if (initialDelay == null || initialDelay.isNegative()) {
                throw new IllegalArgumentException("an initial delay must not be negative, was " + initialDelay);
            }
        }

        @Override
        public String describe() {
            return "every " + Durations.format(delay);
        }

        @Override
        public Duration period() {
            return delay;
        }
    }

    /** A Spring cron expression (six fields, seconds first). */
    record Cron(String expression, ZoneId zone) implements Schedule {

        public Cron {
            CronExpression.parse(expression);
            if (zone == null) {
                throw new IllegalArgumentException("a cron schedule needs a time zone");
            }
        }

        public CronExpression parsed() {
            return CronExpression.parse(expression);
        }

        @Override
        public String describe() {
            return "cron " + expression + " (" + zone.getId() + ")";
        }

        @Override
        public Duration period() {
            CronExpression cron = parsed();
            ZonedDateTime first = cron.next(ZonedDateTime.now(zone));
            ZonedDateTime second = first == null ? null : cron.next(first);
            return second == null ? Duration.ofDays(365) : Duration.between(first, second);
        }
    }
}
