package dev.mercato.jobs.job;

/** The work of one run. */
@FunctionalInterface
public interface JobTask {

    /**
     * Does the work once.
     *
     * @return one line saying what it did ("checked 12, drifts 0, repaired 0"), kept with the run
     * @throws Exception when the run failed; the run is recorded as failed with the exception's message, and the next
     *     one comes at its usual time
     */
    String run() throws Exception;
}
