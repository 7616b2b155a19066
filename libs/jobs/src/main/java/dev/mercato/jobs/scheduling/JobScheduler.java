package dev.mercato.jobs.scheduling;

import dev.mercato.jobs.job.Durations;
import dev.mercato.jobs.job.Job;
import dev.mercato.jobs.job.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Schedules every declared {@link Job} on this instance, on a small scheduler of its own (a thread per job, so a long
 * run never delays another job; no pool of any other kind). Starts last and stops first among the lifecycle beans:
 * on shutdown no new turn starts, and a run in progress gets {@code awaitTermination} to end before the database pool
 * closes.
 */
public final class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final List<Job> jobs;
    private final JobRunner runner;
    private final Duration awaitTermination;
    private volatile ThreadPoolTaskScheduler scheduler;

    public JobScheduler(List<Job> jobs, JobRunner runner, Duration awaitTermination) {
        Set<String> names = new HashSet<>();
        for (Job job : jobs) {
            if (!names.add(job.name())) {
                throw new IllegalStateException("two jobs are named " + job.name() + ": each job needs its own lock");
            }
        }
        this.jobs = List.copyOf(jobs);
        this.runner = runner;
        this.awaitTermination = awaitTermination;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || jobs.isEmpty()) {
            return;
        }
        ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
        threads.setPoolSize(jobs.size());
        threads.setThreadNamePrefix("job-");
        threads.setWaitForTasksToCompleteOnShutdown(true);
        threads.setAwaitTerminationMillis(awaitTermination.toMillis());
        threads.setRemoveOnCancelPolicy(true);
        // on shutdown: no further turn (a cron's next firing included), the run in progress ends
        threads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        threads.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        threads.initialize();
        for (Job job : jobs) {
            Runnable turn = () -> runner.turn(job);
            switch (job.schedule()) {
                case Schedule.FixedDelay every ->
                    threads.scheduleWithFixedDelay(turn, Instant.now().plus(every.initialDelay()), every.delay());
                case Schedule.Cron cron -> threads.schedule(turn, new CronTrigger(cron.expression(), cron.zone()));
            }
            log.info(
                    "job {} scheduled: {}, lock at most {}, at least {}",
                    job.name(),
                    job.schedule().describe(),
                    Durations.format(job.lockAtMostFor()),
                    Durations.format(job.lockAtLeastFor()));
        }
        scheduler = threads;
    }

    @Override
    public synchronized void stop() {
        ThreadPoolTaskScheduler threads = scheduler;
        scheduler = null;
        if (threads != null) {
            threads.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
