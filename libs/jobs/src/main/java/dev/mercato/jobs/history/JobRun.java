package dev.mercato.jobs.history;

import java.time.Instant;

/**
 * One run of a job on one instance.
 *
 * @param endedAt null while {@link Outcome#RUNNING}
 * @param summary what the run did ("released 3 reservations"), or why it failed; null while running
 */
public record JobRun(
        String id, String job, String instance, Instant startedAt, Instant endedAt, Outcome outcome, String summary) {}
