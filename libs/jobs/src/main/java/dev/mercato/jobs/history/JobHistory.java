package dev.mercato.jobs.history;

import java.time.Duration;
import java.util.List;

/** Where runs are recorded: the service's own store, next to its lock. */
public interface JobHistory {

    /** Summaries longer than this are cut. */
    int MAX_SUMMARY = 1000;

    /** Records a run as {@link Outcome#RUNNING}; returns it, with its id and start time. */
    JobRun started(String job, String instance);

    /** Records how the run ended. */
    void ended(JobRun run, Outcome outcome, String summary);

    /** Records a run that has ended and took {@code took}, in one step (a sweep's runs that did something). */
    JobRun recorded(String job, String instance, Duration took, Outcome outcome, String summary);

    /**
     * Records a sweep's run that found nothing due: it extends the job's latest record when that is an idle spell (its
     * end, its count of runs, the instance), otherwise starts a spell. One short statement for most runs.
     */
    void idle(String job, String instance, Duration took, String summary);

    /** The job's latest runs, newest first. */
    List<JobRun> recent(String job, int limit);

    /** Forgets runs older than {@code retention}; returns how many. */
    long prune(Duration retention);

    static String cut(String summary) {
        if (summary == null) {
            return null;
        }
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
