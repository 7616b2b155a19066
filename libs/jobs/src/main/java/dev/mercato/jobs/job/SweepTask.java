package dev.mercato.jobs.job;

/** The work of one run of a sweep ({@link Job.Builder#sweeps}). */
@FunctionalInterface
public interface SweepTask {

    /**
     * Handles what has come due, once.
     *
     * @return how many items this run handled; 0 when nothing was due (the run joins the job's idle spell)
     * @throws Exception when the run failed; it is recorded as failed with the exception's message
     */
    int run() throws Exception;
}
