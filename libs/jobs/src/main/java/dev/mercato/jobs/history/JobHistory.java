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
