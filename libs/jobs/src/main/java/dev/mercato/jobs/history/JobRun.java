package dev.mercato.jobs.history;

import java.time.Instant;

/**
 * One run of a job on one instance — or, for a sweep, one spell of consecutive runs that found nothing due.
 *
 * @param endedAt null while {@link Outcome#RUNNING}
 * @param summary what the run did ("released 3 reservations"), or why it failed; null while running
 * @param runs how many runs this record stands for: 1, or the length of a sweep's idle spell (from {@code startedAt}
 *     of its first run to {@code endedAt} of its last; {@code instance} is the last run's)
 */
public record JobRun(
        String id,
        String job,
        String instance,
        Instant startedAt,
        Instant endedAt,
        Outcome outcome,
        String summary,
        int runs) {}
