package dev.mercato.jobs.web;

import dev.mercato.jobs.history.JobRun;
import dev.mercato.jobs.job.Durations;
import dev.mercato.jobs.job.Job;
import java.time.Instant;
import java.util.List;

/** The admin API's answers. */
public final class JobViews {

    private JobViews() {}

    /** @param service the service these jobs belong to (its {@code spring.application.name}) */
    public record Jobs(String service, List<JobView> items) {}

    /**
     * @param schedule {@code every 1s} or {@code cron <expression> (<zone>)}
     * @param runs the latest runs on any instance, newest first
     */
    public record JobView(String name, String schedule, String lockAtMostFor, String lockAtLeastFor, List<Run> runs) {

        static JobView of(Job job, List<JobRun> runs) {
            return new JobView(
                    job.name(),
                    job.schedule().describe(),
                    Durations.format(job.lockAtMostFor()),
                    Durations.format(job.lockAtLeastFor()),
                    runs.stream().map(Run::of).toList());
        }
    }

    /** @param endedAt null while running */
    public record Run(String instance, Instant startedAt, Instant endedAt, String outcome, String summary) {

        static Run of(JobRun run) {
            return new Run(
                    run.instance(),
                    run.startedAt(),
                    run.endedAt(),
                    run.outcome().name(),
                    run.summary());
        }
    }
}
