package dev.mercato.ordering.downstream;

import dev.mercato.ordering.domain.StepOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/**
 * Refusals that retrying cannot change are permanent; everything else (UNAVAILABLE, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED, ABORTED, but also INTERNAL, UNKNOWN or an auth misconfiguration) is retried, bounded by the
 * saga's deadline before the capture.
 */
final class StatusClassifier {

    private static final Set<Status.Code> PERMANENT = Set.of(
            Status.Code.INVALID_ARGUMENT,
            Status.Code.FAILED_PRECONDITION,
            Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS,
            Status.Code.OUT_OF_RANGE);

    private StatusClassifier() {}

    static boolean isPermanent(StatusRuntimeException e) {
        return PERMANENT.contains(e.getStatus().getCode());
    }

    static StepOutcome classify(StatusRuntimeException e) {
        return isPermanent(e) ? new StepOutcome.Rejected(describe(e)) : new StepOutcome.Transient(describe(e));
    }

    static String describe(StatusRuntimeException e) {
        Status status = e.getStatus();
        return status.getDescription() == null
                ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
    }

    static Status.Code code(StatusRuntimeException e) {
        return e.getStatus().getCode();
    }
}
