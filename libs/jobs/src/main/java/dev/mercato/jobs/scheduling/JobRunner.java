package dev.mercato.jobs.scheduling;

import dev.mercato.jobs.history.JobHistory;
import dev.mercato.jobs.history.JobRun;
import dev.mercato.jobs.history.Outcome;
import dev.mercato.jobs.job.Job;
import dev.mercato.jobs.job.JobTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn of a job on this instance: take the job's lock (ShedLock) or skip the turn when another instance holds it,
 * record the run as started, do the work, record how it ended. Nothing escapes: a failed run, a store that cannot be
 * reached, all end in a log line and a metric, and the next turn comes at its time.
 *
 * <p>A sweep ({@link Job.Work.Sweep}) is recorded in one statement when it ends: on its own when it handled something
 * or failed, else as one more run of the job's current idle spell.
 *
 * <p>Metrics: {@code mercato.jobs.runs{job,outcome}} (a timer of the runs this instance made), {@code
 * mercato.jobs.idle{job}} (sweeps that found nothing due) and {@code mercato.jobs.skipped{job}} (turns another instance
 * had).
 */
public final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final long PRUNE_EVERY_MS = Duration.ofHours(1).toMillis();

    private final LockingTaskExecutor locks;
    private final JobHistory history;
    private final String instance;
    private final Duration retention;
    private final MeterRegistry meters;
    private final AtomicLong lastPrune = new AtomicLong();

    public JobRunner(
            LockProvider lockProvider, JobHistory history, String instance, Duration retention, MeterRegistry meters) {
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.history = history;
        this.instance = instance;
        this.retention = retention;
        this.meters = meters;
    }

    /**
     * @return the run this instance made, or null when another instance had the turn, the lock store failed, or a
     *     sweep found nothing due (its idle spell is extended)
     */
    public JobRun turn(Job job) {
        LockConfiguration lock =
                new LockConfiguration(ClockProvider.now(), job.name(), job.lockAtMostFor(), job.lockAtLeastFor());
        try {
            LockingTaskExecutor.TaskResult<JobRun> result = locks.executeWithLock(() -> run(job), lock);
            if (!result.wasExecuted()) {
                meters.counter("mercato.jobs.skipped", "job", job.name()).increment();
                return null;
            }
            pruneNowAndThen();
            return result.getResult();
        } catch (Throwable failed) {
            if (failed instanceof Error error && !(failed instanceof AssertionError)) {
                throw error;
            }
            log.warn("job {}: no run this turn, the lock or the run history failed: {}", job.name(), failed.toString());
            meters.counter("mercato.jobs.lock.failures", "job", job.name()).increment();
            return null;
        }
    }

    private JobRun run(Job job) {
        return switch (job.work()) {
            case Job.Work.Task task -> run(job, task.task());
            case Job.Work.Sweep sweep -> sweep(job, sweep);
        };
    }

    private JobRun run(Job job, JobTask task) {
        JobRun run = history.started(job.name(), instance);
        Timer.Sample sample = Timer.start(meters);
        Outcome outcome;
        String summary;
        try {
            summary = task.run();
            outcome = Outcome.SUCCEEDED;
        } catch (Exception failed) {
            summary = failure(job, failed);
            outcome = Outcome.FAILED;
        }
        sample.stop(meters.timer("mercato.jobs.runs", "job", job.name(), "outcome", outcome.name()));
        history.ended(run, outcome, summary);
        return new JobRun(run.id(), run.job(), run.instance(), run.startedAt(), null, outcome, summary, 1);
    }

    private JobRun sweep(Job job, Job.Work.Sweep sweep) {
        long start = System.nanoTime();
        int handled;
        Outcome outcome;
        String summary;
        try {
            handled = sweep.sweep().run();
            summary = sweep.describe().apply(handled);
            outcome = Outcome.SUCCEEDED;
        } catch (Exception failed) {
            handled = -1;
            summary = failure(job, failed);
            outcome = Outcome.FAILED;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        meters.timer("mercato.jobs.runs", "job", job.name(), "outcome", outcome.name())
                .record(took);
        if (handled == 0) {
            meters.counter("mercato.jobs.idle", "job", job.name()).increment();
            history.idle(job.name(), instance, took, summary);
            return null;
        }
        return history.recorded(job.name(), instance, took, outcome, summary);
    }

    private static String failure(Job job, Exception failed) {
        if (failed instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String reason = failed.getClass().getSimpleName() + ": " + failed.getMessage();
        log.warn("job {} failed, the next run comes at its time: {}", job.name(), reason);
        return reason;
    }

    private void pruneNowAndThen() {
        long now = System.currentTimeMillis();
        long last = lastPrune.get();
        if (now - last < PRUNE_EVERY_MS || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        try {
            long pruned = history.prune(retention);
            if (pruned > 0) {
                log.info("forgot {} job runs older than {}", pruned, retention);
            }
        } catch (RuntimeException e) {
            log.warn("could not prune the job runs: {}", e.toString());
        }
    }
}
