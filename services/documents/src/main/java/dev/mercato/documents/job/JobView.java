package dev.mercato.documents.job;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A bulk job's progress (api.md): RUNNING until every item is done or failed, then COMPLETED, or FAILED if any did. */
public record JobView(
        UUID id,
        String state,
        int total,
        int done,
        int failed,
        Instant startedAt,
        @Nullable Instant finishedAt) {

    static JobView of(UUID id, int total, int done, int failed, Instant startedAt, @Nullable Instant finishedAt) {
        String state = done + failed < total ? "RUNNING" : failed > 0 ? "FAILED" : "COMPLETED";
        return new JobView(id, state, total, done, failed, startedAt, finishedAt);
    }
}
