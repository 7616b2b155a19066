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
     * @param recorded how runs are recorded: {@value #EVERY_RUN}, or for a sweep {@value #SWEEP}
     * @param runs the latest recorded runs on any instance, newest first
     */
    public record JobView(
            String name,
            String schedule,
            String lockAtMostFor,
            String lockAtLeastFor,
            String recorded,
            List<Run> runs) {

        public static final String EVERY_RUN = "every run";
        public static final String SWEEP = "each run that handled something or failed; idle runs as one spell";

        static JobView of(Job job, List<JobRun> runs) {
            return new JobView(
                    job.name(),
                    job.schedule().describe(),
                    Durations.format(job.lockAtMostFor()),
                    Durations.format(job.lockAtLeastFor()),
                    job.work() instanceof Job.Work.Sweep ? SWEEP : EVERY_RUN,
                    runs.stream().map(Run::of).toList());
        }
    }

    /**
     * @param endedAt null while running
     * @param runs 1, or how many consecutive runs of a sweep found nothing due (from startedAt to endedAt)
     */
    public record Run(String instance, Instant startedAt, Instant endedAt, String outcome, String summary, int runs) {

        static Run of(JobRun run) {
            return new Run(
                    run.instance(),
                    run.startedAt(),
                    run.endedAt(),
                    run.outcome().name(),
                    run.summary(),
                    run.runs());
        }
    }
}
