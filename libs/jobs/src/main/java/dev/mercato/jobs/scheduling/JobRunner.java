package dev.mercato.jobs.scheduling;

import dev.mercato.jobs.history.JobHistory;
import dev.mercato.jobs.history.JobRun;
import dev.mercato.jobs.history.Outcome;
import dev.mercato.jobs.job.Job;
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
 * <p>Metrics: {@code mercato.jobs.runs{job,outcome}} (a timer of the runs this instance made) and {@code
 * mercato.jobs.skipped{job}} (turns another instance had).
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

    /** @return the run this instance made, or null when another instance had the turn (or the lock store failed) */
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
        JobRun run = history.started(job.name(), instance);
        Timer.Sample sample = Timer.start(meters);
        Outcome outcome;
        String summary;
        try {
            summary = job.task().run();
            outcome = Outcome.SUCCEEDED;
            log.debug("job {} succeeded: {}", job.name(), summary);
        } catch (Exception failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            outcome = Outcome.FAILED;
            summary = failed.getClass().getSimpleName() + ": " + failed.getMessage();
            log.warn("job {} failed, the next run comes at its time: {}", job.name(), summary);
        }
        sample.stop(meters.timer("mercato.jobs.runs", "job", job.name(), "outcome", outcome.name()));
        history.ended(run, outcome, summary);
        return new JobRun(run.id(), run.job(), run.instance(), run.startedAt(), null, outcome, summary);
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
