package dev.mercato.jobs.job;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scheduled job, declared once as a bean: its name, when it runs, how long its cluster-wide lock is held, and its
 * work. The library schedules it on every instance; each time, the instance that takes the lock runs it and records
 * the run, the others skip that turn.
 *
 * <pre>{@code
 * @Bean
 * Job reservationExpiry(Expiry expiry, ExpiryProperties properties) {
 *     return Job.named("reservation-expiry")
 *             .every(properties.interval())
 *             .lockAtMostFor(Duration.ofMinutes(1))
 *             .runs(() -> "expired " + expiry.run(properties.batchSize()) + " reservations");
 * }
 * }</pre>
 *
 * <p>{@code lockAtMostFor} is how long a run may hold the lock if its instance dies (the others wait that long); it
 * must be longer than any run. {@code lockAtLeastFor} keeps the lock after a short run, so that another instance whose
 * turn comes a moment later skips it instead of running the job again: by default 80 % of the schedule's period (at
 * most {@code lockAtMostFor}), which makes "once per period" hold across instances whose timers are not aligned.
 */
public final class Job {

    /** Fits ShedLock's {@code name varchar(64)}; also the metric tag and the admin API's key. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    static final Duration DEFAULT_LOCK_AT_MOST = Duration.ofMinutes(10);

    private final String name;
    private final Schedule schedule;
    private final Duration lockAtMostFor;
    private final Duration lockAtLeastFor;
    private final JobTask task;

    private Job(String name, Schedule schedule, Duration lockAtMostFor, Duration lockAtLeastFor, JobTask task) {
        this.name = name;
        this.schedule = schedule;
        this.lockAtMostFor = lockAtMostFor;
        this.lockAtLeastFor = lockAtLeastFor;
        this.task = task;
    }

    public static Builder named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a job name is 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit: "
                            + name);
        }
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Duration lockAtMostFor() {
        return lockAtMostFor;
    }

    public Duration lockAtLeastFor() {
        return lockAtLeastFor;
    }

    public JobTask task() {
        return task;
    }

    @Override
    public String toString() {
        return name + " (" + schedule.describe() + ")";
    }

    public static final class Builder {

        private final String name;
        private Schedule schedule;
        private Duration lockAtMostFor = DEFAULT_LOCK_AT_MOST;
        private Duration lockAtLeastFor;

        private Builder(String name) {
            this.name = name;
        }

        /** Runs {@code delay} after the previous run ended on this instance; the first run {@code delay} after start. */
        public Builder every(Duration delay) {
            return every(delay, delay);
        }

        public Builder every(Duration delay, Duration initialDelay) {
            schedule = new Schedule.FixedDelay(delay, initialDelay);
            return this;
        }

        /** A Spring cron expression (six fields, seconds first: {@code 0 0 3 * * *}), in UTC. */
        public Builder cron(String expression) {
            return cron(expression, ZoneId.of("UTC"));
        }

        public Builder cron(String expression, ZoneId zone) {
            schedule = new Schedule.Cron(expression, zone);
            return this;
        }

        public Builder lockAtMostFor(Duration duration) {
            lockAtMostFor = Objects.requireNonNull(duration);
            return this;
        }

        public Builder lockAtLeastFor(Duration duration) {
            lockAtLeastFor = Objects.requireNonNull(duration);
            return this;
        }

        public Job runs(JobTask task) {
            Objects.requireNonNull(task, "a job needs its task");
            if (schedule == null) {
                throw new IllegalStateException("job " + name + " has no schedule: call every(...) or cron(...)");
            }
            if (!lockAtMostFor.isPositive()) {
                throw new IllegalArgumentException("job " + name + ": lockAtMostFor must be positive");
            }
            Duration atLeast = lockAtLeastFor != null ? lockAtLeastFor : defaultLockAtLeast(schedule, lockAtMostFor);
            if (atLeast.isNegative() || atLeast.compareTo(lockAtMostFor) > 0) {
                throw new IllegalArgumentException("job " + name + ": lockAtLeastFor (" + Durations.format(atLeast)
                        + ") must be from 0 to lockAtMostFor (" + Durations.format(lockAtMostFor) + ")");
            }
            return new Job(name, schedule, lockAtMostFor, atLeast, task);
        }

        private static Duration defaultLockAtLeast(Schedule schedule, Duration lockAtMostFor) {
            Duration share = schedule.period().multipliedBy(4).dividedBy(5);
            return share.compareTo(lockAtMostFor) > 0 ? lockAtMostFor : share;
        }
    }
}
