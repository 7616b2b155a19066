package dev.mercato.jobs.job;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.IntFunction;
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
 *
 * <p>A job that runs often to handle whatever has come due (an expiry sweep every second) is declared with {@link
 * Builder#sweeps}: its task says how many items it handled. A run that handled some, or failed, is recorded on its own;
 * consecutive runs that found nothing due are recorded as one spell (first start, last end, how many runs), so a sweep
 * every second does not write a row a second that says "nothing".
 */
public final class Job {

    /** Fits ShedLock's {@code name varchar(64)}; also the metric tag and the admin API's key. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    static final Duration DEFAULT_LOCK_AT_MOST = Duration.ofMinutes(10);

    private final String name;
    private final Schedule schedule;
    private final Duration lockAtMostFor;
    private final Duration lockAtLeastFor;
    private final Work work;

    private Job(String name, Schedule schedule, Duration lockAtMostFor, Duration lockAtLeastFor, Work work) {
        this.name = name;
        this.schedule = schedule;
        this.lockAtMostFor = lockAtMostFor;
        this.lockAtLeastFor = lockAtLeastFor;
        this.work = work;
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

    /** What a run does: a {@link Work.Task} or a {@link Work.Sweep}. */
    public Work work() {
        return work;
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

        /** Every run is recorded, from its start ({@code RUNNING}) to its end. */
        public Job runs(JobTask task) {
            return build(new Work.Task(Objects.requireNonNull(task, "a job needs its task")));
        }

        /**
         * A sweep: each run handles what has come due and returns how many items it handled; {@code describe} turns
         * that count into the run's summary ({@code n -> "expired " + n + " reservations"}). A run that handled some,
         * or failed, is recorded when it ends (a sweep its instance dies in leaves no {@code RUNNING} record; its lock
         * still holds the turn until {@code lockAtMostFor}); consecutive runs that handled none are recorded as one
         * spell.
         */
        public Job sweeps(SweepTask sweep, IntFunction<String> describe) {
            Objects.requireNonNull(sweep, "a sweep needs its task");
            Objects.requireNonNull(describe, "a sweep needs to say what it did");
            return build(new Work.Sweep(sweep, describe));
        }

        private Job build(Work work) {
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
            return new Job(name, schedule, lockAtMostFor, atLeast, work);
        }

        private static Duration defaultLockAtLeast(Schedule schedule, Duration lockAtMostFor) {
            Duration share = schedule.period().multipliedBy(4).dividedBy(5);
            return share.compareTo(lockAtMostFor) > 0 ? lockAtMostFor : share;
        }
    }

    /** What a job's run does. */
    public sealed interface Work {

        /** A task whose every run is recorded. */
        record Task(JobTask task) implements Work {}

        /** A sweep: how many items it handled, and how to say it. */
        record Sweep(SweepTask sweep, IntFunction<String> describe) implements Work {}
    }
}
